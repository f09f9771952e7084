//! `--format html`: the failure-mode report as one self-contained page — no
//! script, style or font from the network. The component diagram is drawn
//! as inline SVG (the markdown's Mermaid needs a script from a CDN), and the
//! matrix is a table that sorts by any column and filters by verdict,
//! failure, component and text. The filter lives in the address's fragment
//! (`#verdict=unsafe&sort=failure`), so a filtered view can be linked to.
//! Without script the page shows everything, unsorted.

use super::{graph, kind_name, rows, target_text, Matrix};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Text safe in HTML content and in a quoted attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// `text` shortened to `max` characters, with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Markdown's inline code (`x`) as HTML `<code>`, the rest escaped.
fn inline(s: &str) -> String {
    let mut out = String::new();
    for (n, part) in s.split('`').enumerate() {
        if n % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

const STYLE: &str = r#"
:root { --unsafe: #c62828; --unknown: #8d6e00; --safe: #2e7d32; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, main > section { padding: 0 24px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 8px; }
h1 { font-size: 22px; margin: 16px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
.tally { display: flex; gap: 12px; margin: 8px 0; flex-wrap: wrap; }
.tally span { border-radius: 12px; padding: 2px 10px; color: #fff; font-weight: 600; }
.bar { display: flex; height: 10px; width: 100%; max-width: 640px; border-radius: 5px; overflow: hidden; background: #eee; }
.v-unsafe { background: var(--unsafe); } .v-unknown { background: var(--unknown); } .v-safe { background: var(--safe); } .v-na { background: #8c959f; }
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.controls { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
.controls input, .controls select { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; }
.controls input { min-width: 260px; }
#shown { color: var(--muted); }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; cursor: pointer; user-select: none; white-space: nowrap; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.verdict { font-weight: 600; }
tr[data-verdict="unsafe"] td.verdict { color: var(--unsafe); }
tr[data-verdict="unknown"] td.verdict { color: var(--unknown); }
tr[data-verdict="safe"] td.verdict { color: var(--safe); }
.where { color: var(--muted); font-size: 12px; }
ol li, ul li { margin: 4px 0; }
footer { color: var(--muted); padding: 16px 24px; }
li.design-contradicted strong { color: var(--unsafe); } li.design-not_shown strong { color: var(--unknown); } li.design-consistent strong { color: var(--safe); }
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('matrix');
  if (!table) { document.body.setAttribute('data-ready', '1'); return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var q = document.getElementById('q');
  var pick = { verdict: document.getElementById('verdict'), failure: document.getElementById('failure'), component: document.getElementById('component') };
  var shown = document.getElementById('shown');
  var sort = { key: '', dir: 1 };
  function key(cell) { var k = cell.getAttribute('data-sort'); return k === null ? cell.textContent.trim().toLowerCase() : k; }
  function apply() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!pick.verdict.value || r.getAttribute('data-verdict') === pick.verdict.value)
        && (!pick.failure.value || (' ' + r.getAttribute('data-failures') + ' ').indexOf(' ' + pick.failure.value + ' ') >= 0)
        && (!pick.component.value || r.getAttribute('data-component') === pick.component.value)
        && (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + rows.length + ' rows';
    document.body.setAttribute('data-shown', String(n));
  }
  function order() {
    var col = -1;
    heads.forEach(function (h, i) {
      var on = h.getAttribute('data-key') === sort.key;
      if (on) { col = i; }
      h.setAttribute('aria-sort', on ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    var sorted = rows.slice();
    if (col >= 0) {
      sorted.sort(function (a, b) {
        var x = key(a.cells[col]), y = key(b.cells[col]);
        var nx = Number(x), ny = Number(y);
        var c = (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
        return c * sort.dir;
      });
    }
    sorted.forEach(function (r) { body.appendChild(r); });
  }
  function save() {
    var parts = [];
    Object.keys(pick).forEach(function (k) { if (pick[k].value) { parts.push(k + '=' + encodeURIComponent(pick[k].value)); } });
    if (q.value) { parts.push('q=' + encodeURIComponent(q.value)); }
    if (sort.key) { parts.push('sort=' + encodeURIComponent(sort.key)); if (sort.dir < 0) { parts.push('dir=desc'); } }
    if (window.history && history.replaceState) { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search); }
  }
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var at = kv.indexOf('=');
    if (at < 0) { return; }
    var k = kv.slice(0, at), v = decodeURIComponent(kv.slice(at + 1));
    if (pick[k]) { pick[k].value = v; }
    else if (k === 'q') { q.value = v; }
    else if (k === 'sort') { sort.key = v; }
    else if (k === 'dir') { sort.dir = v === 'desc' ? -1 : 1; }
  });
  heads.forEach(function (h) {
    h.setAttribute('tabindex', '0');
    function click() {
      var k = h.getAttribute('data-key');
      sort.dir = sort.key === k ? -sort.dir : 1;
      sort.key = k;
      order(); save();
    }
    h.addEventListener('click', click);
    h.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); click(); } });
  });
  q.addEventListener('input', function () { apply(); save(); });
  Object.keys(pick).forEach(function (k) { pick[k].addEventListener('change', function () { apply(); save(); }); });
  order();
  apply();
  document.body.setAttribute('data-ready', '1');
})();
"#;

/// The component diagram as inline SVG: components on the left, the targets
/// they reach on the right, an edge per (component, target, kind); unsafe
/// edges are red and dashed.
fn diagram(m: &Matrix) -> String {
    let g = graph(m);
    if g.components.is_empty() {
        return String::new();
    }
    const ROW: usize = 46;
    const H: usize = 32;
    const W: usize = 260;
    const LEFT: usize = 10;
    const RIGHT: usize = 540;
    let tall = g.components.len().max(g.targets.len());
    let height = tall * ROW + 16;
    let width = RIGHT + W + 10;
    let y_of = |n: usize, count: usize| 8 + (tall - count) * ROW / 2 + n * ROW;
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg role="img" aria-label="Component diagram" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="12">"#
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker><marker id="arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker></defs>"##);
    for (n, (id, name, langs)) in g.components.iter().enumerate() {
        let y = y_of(n, g.components.len());
        at.insert(id, y + H / 2);
        let text = format!("{name} ({langs})");
        let _ = write!(
            out,
            r##"<g class="component"><title>{}</title><rect x="{LEFT}" y="{y}" width="{W}" height="{H}" rx="4" fill="#ddf4ff" stroke="#0969da"/><text x="{}" y="{}" text-anchor="middle">{}</text></g>"##,
            esc(&text),
            LEFT + W / 2,
            y + H / 2 + 4,
            esc(&clip(&text, 38))
        );
    }
    for (n, (id, kind, name)) in g.targets.iter().enumerate() {
        let y = y_of(n, g.targets.len());
        at.insert(id, y + H / 2);
        let (rx, fill, stroke) = match kind.as_str() {
            "queue" | "topic" => (2, "#fff8c5", "#9a6700"),
            "table" => (12, "#dafbe1", "#1a7f37"),
            _ => (16, "#fbefff", "#8250df"),
        };
        let text = format!("{kind}: {name}");
        let _ = write!(
            out,
            r#"<g class="target"><title>{}</title><rect x="{RIGHT}" y="{y}" width="{W}" height="{H}" rx="{rx}" fill="{fill}" stroke="{stroke}"/>"#,
            esc(&text)
        );
        if matches!(kind.as_str(), "queue" | "topic") {
            // A queue's double border, as the markdown's subroutine shape.
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="1" fill="none" stroke="{stroke}"/>"#,
                RIGHT + 4,
                y + 4,
                W - 8,
                H - 8
            );
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
            RIGHT + W / 2,
            y + H / 2 + 4,
            esc(&clip(&text, 38))
        );
    }
    let comps: BTreeSet<&str> = g.components.iter().map(|c| c.0.as_str()).collect();
    for e in &g.edges {
        let (Some(&y1), Some(&y2)) = (at.get(e.from.as_str()), at.get(e.to.as_str())) else {
            continue;
        };
        // Components sit left: an edge from a target (a consume) runs right to left.
        let (x1, x2) = if comps.contains(e.from.as_str()) {
            (LEFT + W, RIGHT)
        } else {
            (RIGHT, LEFT + W)
        };
        let mid = (LEFT + W + RIGHT) / 2;
        // The label sits at the target's end, where edges fan out.
        let y_target = if comps.contains(e.from.as_str()) {
            y2
        } else {
            y1
        };
        let (stroke, dash, marker) = if e.bad {
            ("#c62828", r#" stroke-dasharray="6 4""#, "arrow-bad")
        } else {
            ("#57606a", "", "arrow")
        };
        let text = if e.bad {
            format!("{} ⚠ unsafe", e.text)
        } else {
            e.text.clone()
        };
        let _ = write!(
            out,
            r##"<g class="edge{}"><title>{}</title><path d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}" fill="none" stroke="{stroke}" stroke-width="1.5"{dash} marker-end="url(#{marker})"/><text x="{}" y="{}" text-anchor="end" fill="{stroke}" paint-order="stroke" stroke="#fff" stroke-width="3">{}</text></g>"##,
            if e.bad { " unsafe" } else { "" },
            esc(&text),
            RIGHT - 12,
            y_target - 5,
            esc(&text)
        );
    }
    out.push_str("</svg>");
    out
}

/// The whole page.
pub fn html(m: &Matrix) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Failure-mode review</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Failure-mode review</h1>\n");
    let _ = writeln!(
        out,
        "<p>{}. Verdicts rest on what the code shows: <code>unknown</code> where it does not say.</p>",
        esc(&super::summary(m))
    );
    // Verdict tallies over cells, as numbers and as one stacked bar.
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &m.matrix {
        *tally.entry(c.verdict).or_default() += 1;
    }
    let total = m.matrix.len().max(1);
    out.push_str("<div class=\"tally\">");
    for v in ["unsafe", "unknown", "safe", "n/a"] {
        if let Some(n) = tally.get(v) {
            let _ = write!(
                out,
                "<span class=\"v-{}\">{n} {v}</span>",
                v.replace('/', "")
            );
        }
    }
    out.push_str("</div>\n<div class=\"bar\" role=\"img\" aria-label=\"cells by verdict\">");
    for v in ["unsafe", "unknown", "safe", "n/a"] {
        if let Some(n) = tally.get(v) {
            let _ = write!(
                out,
                "<div class=\"v-{}\" style=\"width:{:.2}%\"></div>",
                v.replace('/', ""),
                *n as f64 * 100.0 / total as f64
            );
        }
    }
    out.push_str("</div>\n</header>\n<main>\n");
    let svg = diagram(m);
    if !svg.is_empty() {
        out.push_str(
            "<section id=\"diagram-section\">\n<h2>Components</h2>\n<div class=\"diagram\">",
        );
        out.push_str(&svg);
        out.push_str("</div>\n</section>\n");
    }
    matrix_section(m, &mut out);
    rest(m, &mut out);
    out.push_str("</main>\n<footer>faultline failure-modes · the same content as <code>--format markdown</code> and <code>--format json</code></footer>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The matrix: one row per group of identical cells, sortable and filterable.
fn matrix_section(m: &Matrix, out: &mut String) {
    out.push_str("<section id=\"matrix-section\">\n<h2>Failure Mode Matrix</h2>\n");
    let rows = rows(m);
    let failures: BTreeSet<&str> = rows.iter().flat_map(|r| r.failures.clone()).collect();
    let components: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.interactions[0].component.as_str())
        .collect();
    out.push_str("<div class=\"controls\"><input id=\"q\" type=\"search\" placeholder=\"Filter rows by text\" aria-label=\"Filter rows by text\">");
    out.push_str(
        "<select id=\"verdict\" aria-label=\"Verdict\"><option value=\"\">every verdict</option>",
    );
    for v in ["unsafe", "unknown", "safe", "n/a"] {
        if rows.iter().any(|r| r.cell.verdict == v) {
            let _ = write!(out, "<option value=\"{v}\">{v}</option>");
        }
    }
    out.push_str("</select><select id=\"failure\" aria-label=\"Failure\"><option value=\"\">every failure</option>");
    for f in &failures {
        let _ = write!(
            out,
            "<option value=\"{f}\">{}</option>",
            f.replace('_', " ")
        );
    }
    out.push_str("</select><select id=\"component\" aria-label=\"Component\"><option value=\"\">every component</option>");
    for c in &components {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(c));
    }
    let _ = writeln!(
        out,
        "</select><span id=\"shown\">{} rows</span></div>",
        rows.len()
    );
    out.push_str("<table id=\"matrix\">\n<colgroup><col style=\"width:20%\"><col style=\"width:10%\"><col style=\"width:11%\"><col style=\"width:8%\"><col style=\"width:25%\"><col style=\"width:9%\"><col style=\"width:17%\"></colgroup>\n<thead><tr><th data-key=\"interaction\" aria-sort=\"none\">Interaction</th><th data-key=\"component\" aria-sort=\"none\">Component</th><th data-key=\"kind\" aria-sort=\"none\">Kind → target</th><th data-key=\"failure\" aria-sort=\"none\">Failure</th><th data-key=\"current\" aria-sort=\"none\">Current behavior</th><th data-key=\"verdict\" aria-sort=\"none\">Correct?</th><th data-key=\"fix\" aria-sort=\"none\">Fix</th></tr></thead>\n<tbody>\n");
    for r in &rows {
        let first = r.interactions[0];
        let verdict_order = match r.cell.verdict {
            "unsafe" => 0,
            "unknown" => 1,
            "safe" => 2,
            _ => 3,
        };
        let places = r
            .interactions
            .iter()
            .map(|i| format!("{} <code>{}:{}</code>", esc(&i.id), esc(&i.path), i.line))
            .collect::<Vec<_>>()
            .join(", ");
        let what = if r.interactions.len() == 1 {
            format!(
                "<code>{}</code><div class=\"where\">{places} in <code>{}</code></div>",
                esc(&first.label),
                esc(&first.function)
            )
        } else {
            format!(
                "<code>{}</code> ×{}<div class=\"where\">{places}</div>",
                esc(&first.label),
                r.interactions.len()
            )
        };
        let rules = if r.cell.rules.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.cell.rules.join(", "))
        };
        let _ = writeln!(
            out,
            "<tr data-verdict=\"{}\" data-failures=\"{}\" data-component=\"{}\"><td data-sort=\"{}\">{what}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td><td class=\"verdict\" data-sort=\"{verdict_order}\">{}{}</td><td>{}</td></tr>",
            r.cell.verdict,
            r.failures.join(" "),
            esc(&first.component),
            super::id_number(&first.id),
            esc(&first.component),
            kind_name(first.kind),
            inline(&target_text(first)),
            r.failures
                .iter()
                .map(|f| f.replace('_', " "))
                .collect::<Vec<_>>()
                .join(", "),
            inline(&r.cell.current),
            r.cell.verdict,
            esc(&rules),
            if r.cell.fix.is_empty() {
                "—".to_string()
            } else {
                inline(&r.cell.fix)
            }
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Invariants, dual writes, safeguards and the changes, as in the markdown.
fn rest(m: &Matrix, out: &mut String) {
    let by_id: BTreeMap<&str, &super::Interaction> =
        m.interactions.iter().map(|i| (i.id.as_str(), i)).collect();
    out.push_str("<section id=\"invariants\">\n<h2>Invariant Analysis</h2>\n");
    if m.invariants.is_empty() && m.dual_writes.is_empty() {
        out.push_str("<p>No queue or topic is both published and consumed, and no function writes state and sends a message, in the scanned code.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for inv in &m.invariants {
            let _ = write!(
                out,
                "<li><strong>Chain {}</strong>: delivery {}; ordering: {}; consistency: {}.",
                esc(&inv.chain.join(" → ")),
                inv.delivery,
                inline(&inv.ordering),
                inline(&inv.consistency)
            );
            if !inv.violations.is_empty() {
                out.push_str("<ul>");
                for v in &inv.violations {
                    let _ = write!(out, "<li>{}</li>", inline(v));
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        for d in &m.dual_writes {
            let what = if d.outbox {
                "state and message are written together".to_string()
            } else {
                inline(&d.crash)
            };
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> in <code>{}</code> (<code>{}:{}</code>, {}): {what}.</li>",
                if d.outbox { "Outbox" } else { "Dual write" },
                esc(&d.function),
                esc(&d.path),
                d.line,
                esc(&d.interactions.join(", "))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    if let Some(checks) = &m.design {
        out.push_str("<section id=\"design\">\n<h2>Design Check</h2>\n<ul>\n");
        for c in checks {
            let _ = writeln!(
                out,
                "<li class=\"design-{}\"><strong>{}</strong> ({}, <code>{}</code>): {}{}.</li>",
                c.verdict,
                c.verdict.replace('_', " "),
                inline(&c.declared),
                esc(&c.at),
                inline(&c.found),
                if c.interactions.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", esc(&c.interactions.join(", ")))
                }
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("<section id=\"safeguards\">\n<h2>Missing Safeguards (prioritized)</h2>\n");
    if m.safeguards.is_empty() {
        out.push_str("<p>No cell is unsafe on the evidence.</p>\n");
    } else {
        out.push_str("<ol>\n");
        for s in &m.safeguards {
            let _ = writeln!(
                out,
                "<li value=\"{}\"><strong>{}</strong> for {} — blast radius: {}. Buys: {}.</li>",
                s.rank,
                s.safeguard.replace('_', " "),
                esc(&s.interactions.join(", ")),
                inline(&s.blast_radius),
                inline(&s.guarantee)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n<section id=\"changes\">\n<h2>Recommended Changes</h2>\n");
    if m.safeguards.is_empty() {
        out.push_str("<p>None on the evidence.</p>\n");
    } else {
        out.push_str("<ol>\n");
        for s in &m.safeguards {
            let places: Vec<String> = s
                .interactions
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .map(|i| format!("<code>{}:{}</code>", esc(&i.path), i.line))
                .collect();
            let _ = writeln!(
                out,
                "<li value=\"{}\">{} At {} (makes {} safe).</li>",
                s.rank,
                if s.change.is_empty() {
                    "Add the safeguard.".to_string()
                } else {
                    inline(&s.change)
                },
                places.join(", "),
                esc(&s.interactions.join(", "))
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}
