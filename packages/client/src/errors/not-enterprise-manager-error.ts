import { ClientError } from './client-error.js';

/**
 * The URL answers, but not as Enterprise Manager: most often the Backup & Replication REST API
 * (port 9419) was given instead of EM's (port 9398).
 */
export class NotEnterpriseManagerError extends ClientError {
  override readonly name = 'NotEnterpriseManagerError';
}
