package io.github.gradcheck.junit.internal.report;

/**
 * The page's stylesheet, inline. Colours keep a contrast of at least 4.5:1 for their text, and a
 * verdict's colour only repeats what its words say. No character that XML would need escaped.
 */
final class Style {

    private Style() {
    }

    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0;
                   background: #f4f5f7; color: #1d2330; line-height: 1.45; }
            header { background: #1d2330; color: white; padding: 22px 40px; }
            header h1 { margin: 0 0 6px; font-size: 26px; }
            header p { margin: 0; color: #d5dae3; max-width: 980px; }
            main { padding: 8px 40px 40px; max-width: 1500px; overflow-wrap: break-word; }
            h2 { margin: 30px 0 6px; font-size: 20px; }
            p.intro { margin: 0 0 14px; color: #444c5e; max-width: 980px; }
            .overview { background: white; border-radius: 8px; padding: 4px 22px 18px; margin-top: 20px;
                        box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            .overview h2 { margin-top: 14px; }
            dl.stats { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0 14px; }
            .stat { border-radius: 8px; padding: 8px 18px; min-width: 110px; background: #eef0f4; }
            .stat dt { font-size: 13px; color: #444c5e; }
            .stat dd { margin: 0; font-size: 28px; font-weight: 700; }
            .stat.passed dd { color: #1b5e20; }
            .stat.failed dd { color: #b71c1c; }
            .tables { display: flex; flex-wrap: wrap; gap: 30px; align-items: flex-start; }
            table.counts { border-collapse: collapse; font-size: 14px; }
            table.counts caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
            table.counts th { text-align: left; font-weight: 600; color: #444c5e; border-bottom: 1px solid #d8dce4;
                              padding: 3px 14px 3px 0; }
            table.counts td { padding: 4px 14px 4px 0; border-bottom: 1px solid #eef0f4; vertical-align: top; }
            table.counts .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            nav { background: white; border-radius: 8px; padding: 10px 22px 12px; margin-top: 18px;
                  box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            nav .nav-part { margin: 8px 0 2px; font-weight: 700; }
            nav ul { margin: 4px 0 6px; padding-left: 0; list-style: none; display: grid; column-gap: 44px;
                     grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr)); }
            nav li { margin: 3px 0; display: flex; gap: 6px; align-items: baseline; min-width: 0; }
            nav li .badge { flex: none; }
            nav li a { min-width: 0; overflow-wrap: anywhere; }
            nav a, table.counts a { color: #1d2330; }
            section.check { background: white; border-radius: 8px; margin: 14px 0; padding: 14px 20px 16px;
                            box-shadow: 0 1px 3px rgba(0,0,0,.08); border-left: 6px solid #2e7d32; }
            section.check.failed { border-left-color: #c62828; }
            section.check.warning { border-left-color: #a84300; background: #fff8f0; }
            section.check.neutral { border-left-color: #6b7385; }
            .verdict { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
            .badge { display: inline-block; font-weight: 700; font-size: 13px; padding: 2px 10px; border-radius: 12px;
                     color: white; background: #2e7d32; letter-spacing: .02em; margin-right: 4px; }
            .badge.failed { background: #c62828; }
            .badge.mistake { background: #5e35b1; }
            .badge.warning { background: #a84300; }
            .badge.neutral { background: #5a6375; }
            .remark { font-size: 13px; color: #1b5e20; }
            .remark.failed, .remark.warning { color: #a84300; font-weight: 700; }
            .remark.neutral { color: #444c5e; }
            h3 { margin: 8px 0 2px; font-size: 17px; }
            h4 { margin: 14px 0 4px; font-size: 15px; color: #2f3746; }
            h5 { margin: 10px 0 4px; font-size: 13px; color: #444c5e; }
            p.sub { margin: 0 0 4px; font-size: 12px; color: #5a6375; font-family: ui-monospace, "DejaVu Sans Mono",
                    Menlo, monospace; word-break: break-all; }
            p.note { margin: 2px 0 8px; color: #444c5e; }
            p.headline { margin: 6px 0 6px; font-weight: 600; }
            .block + .block { border-top: 1px solid #eef0f4; margin-top: 8px; }
            details { margin: 6px 0; }
            details summary { cursor: pointer; padding: 2px 0; }
            details summary .what { font-weight: 600; }
            details[open] summary { margin-bottom: 6px; }
            .body { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; margin-top: 4px; }
            table.facts { border-collapse: collapse; font-size: 13px; flex: 1 1 460px; max-width: 780px; }
            table.facts th { text-align: left; vertical-align: top; padding: 2px 12px 2px 0; color: #444c5e;
                             font-weight: 500; white-space: nowrap; width: 1%; }
            table.facts td { padding: 2px 0; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
                             white-space: pre-wrap; word-break: break-word; }
            .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
            figure.picture { margin: 0; flex: 0 1 auto; max-width: 100%; }
            figure.picture svg { max-width: 100%; height: auto; border: 1px solid #e3e6ec; border-radius: 4px; }
            figure.picture figcaption { font-size: 12px; color: #5a6375; }
            .shrunk pre { background: #f6f7f9; border: 1px solid #e3e6ec; border-radius: 4px; padding: 8px 10px;
                          font-size: 12.5px; overflow-x: auto; margin: 0; }
            p.replay { margin: 10px 0 2px; font-size: 13px; }
            p.replay .label { font-weight: 700; color: #2f3746; margin-right: 6px; }
            p.replay code { background: #fff7d6; border: 1px solid #ecdca0; border-radius: 4px; padding: 2px 6px; }
            footer { color: #5a6375; font-size: 13px; padding: 0 40px 30px; }
            @media (max-width: 720px) {
                header, main { padding-left: 12px; padding-right: 12px; }
                footer { padding: 0 12px 20px; }
                .tables { display: block; }
                table.counts { display: block; overflow-x: auto; max-width: 100%; margin-bottom: 14px; }
                table.counts td { white-space: nowrap; }
                section.check { padding: 12px 12px 14px; }
            }
            """;
}
