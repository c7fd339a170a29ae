/** The page layout; the app renders into light DOM so the canvas's blocks can be styled. */
export const appCss = `
sg-app { display: grid; grid-template: 'bar bar bar' auto 'pal canvas side' 1fr 'status status status' auto / 190px 1fr 460px; height: 100vh; font: 13px system-ui, sans-serif; }
sg-app sg-toolbar { grid-area: bar; }
sg-app sg-palette { grid-area: pal; border-right: 1px solid #ddd; }
sg-app #canvas { grid-area: canvas; position: relative; overflow: hidden; background: #f4f5f7; }
sg-app #canvas.drop { outline: 3px dashed #1a55c4; outline-offset: -6px; }
sg-app .side { grid-area: side; overflow: auto; border-left: 1px solid #ddd; }
sg-app .status { grid-area: status; padding: 3px 8px; border-top: 1px solid #ddd; min-height: 1.3em; }
sg-app .status.error { background: #fff1f0; color: #a8071a; }
sg-app .help { position: absolute; right: 480px; top: 48px; background: white; border: 1px solid #ccc; padding: 8px 12px; box-shadow: 0 4px 16px #0002; z-index: 10; }
sg-app details > summary { cursor: pointer; padding: 6px 8px; font-weight: 600; background: #fafafa; border-bottom: 1px solid #eee; }
sg-charts { display: block; padding: 8px; font-size: 12px; }
sg-charts h3 { font-size: 12px; margin: 6px 0 2px; }
sg-charts .empty { color: #888; }
`;
