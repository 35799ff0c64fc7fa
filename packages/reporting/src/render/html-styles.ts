/**
 * The stylesheet of the HTML report: plain selectors and properties that mail clients keep
 * (tables, borders, colours, padding), no layout that content depends on (flex, grid), no fonts,
 * images or `url()` to fetch. Without it the document still reads top to bottom: every badge
 * carries its word, and the chart its own presentation attributes.
 */
export const HTML_REPORT_STYLES = `
body { margin: 0; padding: 24px 12px; background: #f6f8fa; color: #1f2328;
  font: 14px/1.45 'Segoe UI', Helvetica, Arial, sans-serif; }
.page { max-width: 980px; margin: 0 auto; padding: 24px 28px; background: #ffffff;
  border: 1px solid #d8dee4; border-radius: 6px; }
h1 { margin: 0 0 4px; font-size: 22px; }
h2 { margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d8dee4; font-size: 17px; }
p { margin: 0 0 8px; }
.meta, .caption, .note { color: #59636e; }
.notice { padding: 8px 12px; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; }
.empty { margin-top: 24px; font-size: 16px; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 6px 8px; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top; }
th { background: #f6f8fa; color: #59636e; font-size: 12px; font-weight: 600; }
td.text { overflow-wrap: anywhere; word-break: break-word; }
td.label, th.label, th.number { white-space: nowrap; }
.number { text-align: right; white-space: nowrap; }
table.totals th, table.totals td { text-align: center; }
table.totals td { font-size: 20px; font-weight: 600; }
.sub { display: block; color: #59636e; font-size: 12px; }
.badge { display: inline-block; padding: 0 8px; border: 1px solid; border-radius: 10px;
  font-size: 12px; font-weight: 600; }
.health-critical { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.health-warning { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; }
.health-ok { background: #dafbe1; color: #116329; border-color: #4ac26b; }
.result-failed { color: #cf222e; font-weight: 600; }
.result-warning { color: #9a6700; font-weight: 600; }
.result-success { color: #1a7f37; }
.mark { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; background: #ddf4ff;
  color: #0a3069; border-radius: 4px; font-size: 12px; white-space: nowrap; }
.reason { display: block; }
.chart { margin: 8px 0 0; }
.chart svg { max-width: 100%; height: auto; }
`;
