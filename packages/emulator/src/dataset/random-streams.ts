/** Independent random streams, so that e.g. one session's tasks do not depend on other sessions. */
export const Stream = {
  Jobs: 1,
  JobSessions: 2,
  RunningSessions: 3,
  TaskSessions: 4,
  RestoreSessions: 5,
  VmIdentity: 6,
} as const;
