/**
 * The one stylesheet of the floor and static pages: chips that look like the widget's (border,
 * padding, rounded corners), and no transitions. Plain text so both pages use it unchanged.
 */
export const CHIPS_CSS = `
h2 { font-size: 24px; line-height: 1.3; margin: 0 0 16px; }
.statement { margin: 0 0 16px; line-height: 2.4; }
.chip { font: inherit; color: #212b32; background: #f0f4f5; border: 1px solid #aeb7bd;
  border-radius: 4px; padding: 0 6px; margin: 0; cursor: pointer; }
.chip[data-choice='kept'] { border-color: #007f3b; background: #e5f2eb; }
.chip[data-choice='removed'] { border-color: #d5281b; background: #fbeae8; text-decoration: line-through; }
.choice { display: inline-flex; gap: 4px; margin: 0 4px; }
.choice-button { font: inherit; color: #fff; background: #007f3b; border: 0; border-radius: 4px;
  padding: 0 8px; cursor: pointer; }
.choice-button[data-action='remove'] { background: #d5281b; }
`;
