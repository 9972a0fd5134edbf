import * as ACData from 'adaptivecards-templating';
import { escapeCardText } from '../../src/cards/escape';
import { createCardRenderer } from '../../src/cards/render';
import { sampleCardData } from '../../src/cards/sample-data';
import { contentForCardTests } from './sample-content';

describe('escapeCardText', () => {
  it('shows a markdown link literally instead of as a link', () => {
    expect(escapeCardText('[click](https://evil)')).toBe('\\[click\\]\\(https://evil\\)');
  });

  it('shows bold, italics, code and strike-through markers literally', () => {
    expect(escapeCardText('**bold** _it_ `code` ~~x~~')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~');
  });

  it('shows HTML literally', () => {
    expect(escapeCardText('<script>alert(1)</script>')).toBe('\\<script\\>alert\\(1\\)\\</script\\>');
  });

  it('keeps line-start markers from becoming lists or headings', () => {
    expect(escapeCardText('- one\n+ two\n1. three\n# four')).toBe('\\- one\n\\+ two\n1\\. three\n\\# four');
  });

  it('turns ${ into something that is never a template binding', () => {
    expect(escapeCardText('cost ${price}')).not.toContain('${');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeCardText("It went well: we agreed 3 changes, and I'll try again.")).toBe(
      "It went well: we agreed 3 changes, and I'll try again.",
    );
  });
});

describe('user text in a card', () => {
  const { content } = contentForCardTests();
  const nudge = content.nudges[0]!;
  const data = sampleCardData(content, nudge, 'gp');
  const renderer = createCardRenderer();

  it('is copied, never evaluated, by the templating engine', () => {
    const template = new ACData.Template({ type: 'TextBlock', text: '${text}', wrap: true });
    expect(template.expand({ $root: { text: 'total ${1+1}' } })).toEqual({
      type: 'TextBlock',
      text: 'total ${1+1}',
      wrap: true,
    });
  });

  it('shows ${...} literally once escaped, and is refused as unbound when a caller forgets to escape it', () => {
    const card = renderer.render('message', { title: 'Saved', text: escapeCardText('total ${1+1}') });
    expect((card.body as { text: string }[])[1]?.text).toBe('total $\\{1+1}');
    expect(() => renderer.render('message', { title: 'Saved', text: 'total ${1+1}' })).toThrow(
      expect.objectContaining({ code: 'unbound_field' }),
    );
  });

  it('appears escaped in the history card', () => {
    const reflection = '[click](https://evil) **bold** <script>x</script> ${1+1}';
    const card = renderer.render('history', {
      ...data.history,
      reflections: [{ dateText: '1 Dec', behaviourTitle: 'B', nudgeTitle: 'N', text: escapeCardText(reflection) }],
    });
    const json = JSON.stringify(card);
    expect(json).not.toContain('[click](https://evil)');
    expect(json).not.toContain('**bold**');
    expect(json).not.toContain('<script>');
    expect(json).not.toContain('${');
    expect(json).toContain(JSON.stringify(escapeCardText(reflection)).slice(1, -1));
  });
});
