// Every D1 query about reports, by job: storing a submission, its receipt, reading, 退回.
export { insertReport, reportStatements, type NewReport, type Refusal, type TokenGuard } from './insert.ts';
export { findByIdempotencyKey, type StoredSubmission } from './receipt.ts';
export { getReportDetail, LIST_LIMIT, listReportHeaders, type ReportFilter } from './read.ts';
export { returnReport, unreturnReport, type ReturnOutcome, type UnreturnOutcome } from './returns.ts';
