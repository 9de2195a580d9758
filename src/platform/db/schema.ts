// Every table of the application, for drizzle's relational queries and for backup/restore.
// Order matters for restore: a table comes after the tables it references.
export * from '../../features/organisations/organisations.tables.js';
export * from '../auth/auth.tables.js';
export * from '../audit/audit.tables.js';
export * from '../../features/calendar/calendar.tables.js';
export * from '../../features/review/review.tables.js';
export * from '../../features/requests/requests.tables.js';
export * from '../../features/messages/messages.tables.js';
export * from '../../features/knowledge/knowledge.tables.js';
export * from '../../features/catalog/catalog.tables.js';
export * from '../../features/reports/reports.tables.js';
