/// The page's one style sheet. No fonts or images to fetch; colours from the Okabe-Ito palette,
/// which readers with colour-blindness tell apart; in print, no backgrounds, 10.5pt text, and no
/// figure or table cut across pages.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 15px; line-height: 1.45; color: #1a1a1a; background: #ffffff;
          max-width: 1040px; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
        h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
        h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #0072b2; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
        h4 { font-size: 1rem; margin: 1.1rem 0 0.3rem; }
        p { margin: 0.4rem 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        dl.provenance { font-size: 0.85rem; color: #444444; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem;
          background: #f2f2f2; padding: 0.1rem 0.3rem; border-radius: 3px; overflow-wrap: anywhere; }
        nav.contents ol { margin: 0.3rem 0; padding-left: 1.5rem; }
        nav.contents a { color: #0072b2; }
        ul.policy-lines li { margin: 0.3rem 0; }
        p.note { color: #444444; font-size: 0.9rem; }
        p.label { font-weight: 600; margin-bottom: 0.2rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.85rem;
          font-variant-numeric: tabular-nums; }
        th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #dddddd; text-align: left; white-space: nowrap; }
        th { border-bottom: 2px solid #999999; font-weight: 600; vertical-align: bottom; }
        th.num, td.num { text-align: right; }
        td.indent { padding-left: 1.6rem; color: #444444; }
        figure { margin: 1rem 0 1.6rem; }
        svg.chart { width: 100%; height: auto; max-width: 960px; display: block; }
        figcaption { font-size: 0.85rem; color: #333333; margin-top: 0.3rem; max-width: 960px; }
        figcaption .chart-title { font-weight: 600; color: #1a1a1a; }
        figure.chart-omitted figcaption { font-style: italic; color: #555555; }
        @page { margin: 15mm; }
        @media print {
          * { background: none !important; }
          body { font-size: 10.5pt; color: #000000; max-width: none; padding: 0; }
          nav.contents { display: none; }
          h2, h3, h4 { break-after: avoid; }
          figure, table, dl, ul.policy-lines li { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          table, figcaption, code, dl.provenance { font-size: 9.5pt; }
          code { padding: 0; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
