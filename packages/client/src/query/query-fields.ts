import type {
  JobSessionState,
  JobType,
  Platform,
  SessionResult,
  TaskSessionState,
} from '@vbem/model';

/** The query service types (`/query?type=…`) whose filters this package builds. */
export type QueryTypeName =
  | 'BackupJobSession'
  | 'ReplicaJobSession'
  | 'BackupTaskSession'
  | 'ReplicaTaskSession'
  | 'RestoreSession'
  | 'Job'
  | 'BackupServer';

/**
 * The filterable fields of each query type, as EM documents them, and the value each takes:
 * `Date` for dateTimes, `number` for integers, `boolean`, `string`, and the @vbem/model enum
 * unions for enums. The enums are open like the model's, so that a value a newer EM added can be
 * filtered on.
 */
export interface QueryFieldValues {
  BackupJobSession: {
    UID: string;
    Name: string;
    JobType: JobType;
    JobUid: string;
    JobName: string;
    CreationTime: Date;
    EndTime: Date;
    State: JobSessionState;
    Result: SessionResult;
    IsRetry: boolean;
    BackupServerUid: string;
    BackupServerName: string;
  };
  ReplicaJobSession: QueryFieldValues['BackupJobSession'];
  BackupTaskSession: {
    UID: string;
    Name: string;
    CreationTime: Date;
    EndTime: Date;
    State: TaskSessionState;
    Result: SessionResult;
    Reason: string;
    TotalSize: number;
    JobSessionUid: string;
    JobUid: string;
    JobName: string;
    BackupServerUid: string;
    BackupServerName: string;
    VmDisplayName: string;
  };
  ReplicaTaskSession: QueryFieldValues['BackupTaskSession'];
  RestoreSession: {
    UID: string;
    Name: string;
    Type: JobType;
    CreationTime: Date;
    EndTime: Date;
    State: JobSessionState;
    Result: SessionResult;
    BackupServerUid: string;
    BackupServerName: string;
    VmDisplayName: string;
  };
  Job: {
    UID: string;
    Name: string;
    Description: string;
    /** Only jobs with a schedule of their own have one. */
    NextRun: Date;
    JobType: JobType;
    /** Typed by the model's enum, but EM compares it as a string, so it is written quoted. */
    Platform: Platform;
    ScheduleConfigured: boolean;
    ScheduleEnabled: boolean;
    BackupServerUid: string;
    BackupServerName: string;
  };
  BackupServer: {
    UID: string;
    Name: string;
    Description: string;
    IpOrDnsName: string;
    Port: number;
    Version: string;
  };
}

/**
 * The field names of a query type. Distributes over a union of types, so that the default,
 * `QueryField<QueryTypeName>`, is every field of every type rather than the few they share.
 */
export type QueryField<Type extends QueryTypeName> = Type extends QueryTypeName
  ? keyof QueryFieldValues[Type] & string
  : never;

/**
 * The value `Field` takes in `Type`; over a union of types, the union of the values it takes in
 * those that have it.
 */
export type QueryFieldValue<
  Type extends QueryTypeName,
  Field extends string,
> = Type extends QueryTypeName
  ? Field extends keyof QueryFieldValues[Type]
    ? QueryFieldValues[Type][Field]
    : never
  : never;

/** How a field's value is written in a filter and compared by EM. */
export type QueryFieldKind = 'string' | 'dateTime' | 'number' | 'boolean' | 'enum';

/** The kinds a value type can have; a string type can be either a string or an enum field. */
type KindOf<Value> = Value extends Date
  ? 'dateTime'
  : Value extends boolean
    ? 'boolean'
    : Value extends number
      ? 'number'
      : 'string' | 'enum';

/** The kinds of one type's fields: each of its fields, none other, with a kind its value fits. */
type KindTable<Type extends QueryTypeName> = {
  readonly [Field in QueryField<Type>]: KindOf<QueryFieldValues[Type][Field]>;
};

const JOB_SESSION_KINDS = {
  UID: 'string',
  Name: 'string',
  JobType: 'enum',
  JobUid: 'string',
  JobName: 'string',
  CreationTime: 'dateTime',
  EndTime: 'dateTime',
  State: 'enum',
  Result: 'enum',
  IsRetry: 'boolean',
  BackupServerUid: 'string',
  BackupServerName: 'string',
} as const satisfies KindTable<'BackupJobSession'>;

const TASK_SESSION_KINDS = {
  UID: 'string',
  Name: 'string',
  CreationTime: 'dateTime',
  EndTime: 'dateTime',
  State: 'enum',
  Result: 'enum',
  Reason: 'string',
  TotalSize: 'number',
  JobSessionUid: 'string',
  JobUid: 'string',
  JobName: 'string',
  BackupServerUid: 'string',
  BackupServerName: 'string',
  VmDisplayName: 'string',
} as const satisfies KindTable<'BackupTaskSession'>;

/**
 * The kind of every field of every query type, for checking untyped input at run time. The
 * `satisfies` keeps it in step with QueryFieldValues: same fields, and kinds that fit the types.
 */
export const QUERY_FIELD_KINDS = {
  BackupJobSession: JOB_SESSION_KINDS,
  ReplicaJobSession: JOB_SESSION_KINDS,
  BackupTaskSession: TASK_SESSION_KINDS,
  ReplicaTaskSession: TASK_SESSION_KINDS,
  RestoreSession: {
    UID: 'string',
    Name: 'string',
    Type: 'enum',
    CreationTime: 'dateTime',
    EndTime: 'dateTime',
    State: 'enum',
    Result: 'enum',
    BackupServerUid: 'string',
    BackupServerName: 'string',
    VmDisplayName: 'string',
  },
  Job: {
    UID: 'string',
    Name: 'string',
    Description: 'string',
    NextRun: 'dateTime',
    JobType: 'enum',
    Platform: 'string',
    ScheduleConfigured: 'boolean',
    ScheduleEnabled: 'boolean',
    BackupServerUid: 'string',
    BackupServerName: 'string',
  },
  BackupServer: {
    UID: 'string',
    Name: 'string',
    Description: 'string',
    IpOrDnsName: 'string',
    Port: 'number',
    Version: 'string',
  },
} as const satisfies { readonly [Type in QueryTypeName]: KindTable<Type> };

const fieldsOf = <Type extends QueryTypeName>(type: Type): readonly QueryField<Type>[] =>
  Object.freeze(Object.keys(QUERY_FIELD_KINDS[type]) as QueryField<Type>[]);

/** The field names of each query type, in EM's documented order, for validating untyped input. */
export const QUERY_FIELDS: { readonly [Type in QueryTypeName]: readonly QueryField<Type>[] } =
  Object.freeze({
    BackupJobSession: fieldsOf('BackupJobSession'),
    ReplicaJobSession: fieldsOf('ReplicaJobSession'),
    BackupTaskSession: fieldsOf('BackupTaskSession'),
    ReplicaTaskSession: fieldsOf('ReplicaTaskSession'),
    RestoreSession: fieldsOf('RestoreSession'),
    Job: fieldsOf('Job'),
    BackupServer: fieldsOf('BackupServer'),
  });
