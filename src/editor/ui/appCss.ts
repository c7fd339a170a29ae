/** The page layout; the app renders into light DOM so the canvas's blocks can be styled. */
export const appCss = `
sg-app { display: grid; height: 100vh; font: 13px system-ui, sans-serif;
  grid-template: 'bar bar bar' auto 'pal canvas side' 1fr 'pal split side' auto 'pal dock side' var(--dock, 300px) 'status status status' auto / 140px 1fr 300px; }
sg-app sg-toolbar { grid-area: bar; }
sg-app sg-palette { grid-area: pal; border-right: 1px solid #ddd; }
sg-app #canvas { grid-area: canvas; position: relative; overflow: hidden; background: #f4f5f7; min-height: 0; }
sg-app #canvas:focus-visible { outline: 2px solid #1a55c4; outline-offset: -2px; }
sg-app #canvas.drop { outline: 3px dashed #1a55c4; outline-offset: -6px; }
sg-app .side { grid-area: side; overflow: auto; border-left: 1px solid #ddd; min-height: 0; }
sg-app .dock-bar { grid-area: split; }
sg-app .dock { grid-area: dock; overflow: auto; min-height: 0; background: #fff; }
sg-app .status { grid-area: status; padding: 1px 8px; border-top: 1px solid #ddd; min-height: 1.3em; }
sg-app .status.error { background: #fff1f0; color: #a8071a; }
sg-app .help { position: absolute; right: 320px; top: 48px; background: white; border: 1px solid #ccc; padding: 8px 12px; box-shadow: 0 4px 16px #0002; z-index: 20; }
sg-app details > summary { cursor: pointer; padding: 6px 8px; font-weight: 600; background: #fafafa; border-bottom: 1px solid #eee; }
sg-charts { display: flex; gap: 16px; padding: 4px 8px; font-size: 12px; height: 100%; box-sizing: border-box; }
sg-charts > figure { margin: 0; flex: 5 1 0; min-width: 220px; display: flex; flex-direction: column; }
sg-charts > figure:nth-child(2) { flex-grow: 4; }
sg-charts > figure > [data-testid] { flex: 1 1 0; min-height: 0; min-width: 0; overflow: hidden; }
sg-charts h3 { font-size: 12px; margin: 2px 0; }
sg-charts .legend { min-height: 1.2em; }
sg-charts .dropped { text-decoration: line-through; opacity: .7; }
sg-charts .empty { color: #888; }
`;
