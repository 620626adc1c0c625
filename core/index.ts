// The public surface of core/: the pure domain shared by the add-in and the Worker.
export * from './calendar/half-month.ts';
export * from './catalog/plan-catalog.ts';
export * from './checklist/columns.ts';
export * from './deadline/parse-deadline.ts';
export * from './schemas/api.ts';
export * from './schemas/status.ts';
export * from './schemas/submission.ts';
export * from './text/formula-safe.ts';
export * from './units/unit-registry.ts';
export * from './rules/rule-codes.ts';
export * from './rules/row-rules.ts';
export * from './rules/set-rules.ts';
export * from './rules/check-submission.ts';
export * from './sheet/normalise-cell.ts';
export * from './sheet/find-header.ts';
export * from './validate-checklist.ts';
export * from './build-submission.ts';
