// The two fills that mark a checked sheet's issues, the same in Excel (excel/highlight-issues.ts) and in the
// downloaded 标注版 (files/annotate.ts).
export const HIGHLIGHT_COLORS = { error: '#FDE7E9', warning: '#FFF4CE' } as const;
