import { where, anyOf, type Filter } from '../src/query/filter.js';
import type { QueryTypeName } from '../src/query/query-fields.js';
const a = where('Result', '==', 'Failed');
const j = where<'Job'>('Name', '==', 'x');
declare function query<T extends QueryTypeName>(type: T, filter: Filter<NoInfer<T>> | Filter): void;
query('BackupJobSession', where('Result', '==', 'Failed'));
query('BackupJobSession', anyOf('Result', ['Failed', 'Warning']).and('IsRetry', '==', false));
// @ts-expect-error
query('Job', where('IsRetry', '==', true).and('JobType', '==', 'Backup'));
query('Job', where('JobType', '==', 'Backup').and('ScheduleEnabled', '==', true));
query('BackupJobSession', a);
// @ts-expect-error
query('BackupJobSession', j);
