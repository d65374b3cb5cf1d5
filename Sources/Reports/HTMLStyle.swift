/// The page's one stylesheet: system fonts, light and dark schemes following the
/// reader's preference, and print rules (no navigation, no split figures).
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light dark; --fg: #1d1f21; --bg: #ffffff; --muted: #5c6166; --panel: #f4f5f7;
      --border: #d8dbe0; --link: #0b57d0; --kw: #8f2bb5; --num: #0f6b5c; --str: #a33b00; --com: #5f6b76;
      --bad: #b3261e; --bad-bg: #fdecea; --good: #1e7b34; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e3e5e8; --bg: #16181b; --muted: #a3a9b0; --panel: #20242a; --border: #394049;
        --link: #8ab4f8; --kw: #d59cf0; --num: #7fd6c2; --str: #f0a878; --com: #9aa5b1;
        --bad: #ffb4ab; --bad-bg: #3b1d1b; --good: #8fd19e; }
    }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--fg); background: var(--bg);
      font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    a { color: var(--link); }
    h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
    h2 { font-size: 1.3rem; margin: 0 0 .25rem; }
    pre, code { font: .9rem/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .6rem .8rem;
      overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    .banner { border: 2px solid var(--bad); background: var(--bad-bg); border-radius: 6px; padding: .7rem 1rem; }
    .banner strong { color: var(--bad); }
    .provenance { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0;
      font-size: .92rem; }
    .provenance dt { color: var(--muted); }
    .provenance dd { margin: 0; overflow-wrap: anywhere; }
    nav ol { padding-left: 1.5rem; }
    .cell { border-top: 1px solid var(--border); padding: 1rem 0; }
    .meta { color: var(--muted); font-size: .85rem; margin: 0 0 .5rem; }
    .status-failed .meta, .status-interrupted .meta { color: var(--bad); font-weight: 600; }
    .status-passed .meta .status { color: var(--good); }
    .diagnostic { border-color: var(--bad); color: var(--bad); }
    .output::before, .display::before { display: block; color: var(--muted); font-size: .75rem; }
    .output::before { content: "output"; }
    .display::before { content: "value"; }
    .kw { color: var(--kw); font-weight: 600; } .num { color: var(--num); } .str { color: var(--str); }
    .com { color: var(--com); font-style: italic; }
    figure { margin: 1rem 0; }
    figure svg, figure img { display: block; max-width: 100%; height: auto; background: #fff; border-radius: 4px; }
    figcaption { color: var(--muted); font-size: .9rem; }
    table { border-collapse: collapse; } th, td { border: 1px solid var(--border); padding: .2rem .5rem; }
    footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--border); padding-top: .5rem; }
    @media print {
      :root { --fg: #000; --bg: #fff; --muted: #444; --panel: #f6f6f6; --border: #bbb; --link: #000; --bad: #a00;
        --bad-bg: #fff; --kw: #000; --num: #000; --str: #000; --com: #555; --good: #000; }
      body { max-width: none; padding: 0; font-size: 11pt; }
      nav { display: none; }
      pre { white-space: pre-wrap; }
      figure, pre { break-inside: avoid; }
      a[href^="http"]::after { content: " (" attr(href) ")"; }
    }
    """
}
