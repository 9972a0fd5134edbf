import JSZip from 'jszip';
import { PORTFOLIO_KINDS } from '../../src/domain';
import { templateFor, writePortfolioDocx, type PortfolioDocument } from '../../src/portfolio';

async function documentXml(doc: PortfolioDocument): Promise<string> {
  const zip = await JSZip.loadAsync(await writePortfolioDocx(doc));
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml'])
    expect(zip.file(part)).not.toBeNull();
  return zip.file('word/document.xml')!.async('string');
}

const sample = (kind: (typeof PORTFOLIO_KINDS)[number], text: string): PortfolioDocument => {
  const t = templateFor(kind);
  return {
    template: t,
    preparedText: 'Prepared on Monday 7 December 2026 from my Leadership Nudges reflections.',
    entries: [
      {
        dateText: 'Monday 30 November 2026',
        behaviourTitle: 'Notice and help each other',
        nudgeTitle: 'Ask how a colleague is',
        sections: t.sections.map((s, i) => ({ heading: s.heading, text: i === 0 ? text : '' })),
        ...(t.choice ? { choice: { heading: t.choice.heading, chosen: [t.choice.options[0]!.title] } } : {}),
        minutes: 45,
      },
    ],
    learning: [{ dateText: 'Monday 30 November 2026', activity: 'Leadership nudge and reflection', minutes: 45 }],
  };
};

describe('the Word document', () => {
  it.each(PORTFOLIO_KINDS)(
    'is a valid .docx holding the title, every question and the text as typed (%s)',
    async (kind) => {
      const xml = await documentXml(sample(kind, 'Costs < benefits & "thanks" matter'));
      const t = templateFor(kind);
      expect(xml).toContain(t.title);
      for (const s of t.sections) expect(xml).toContain(s.heading.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
      expect(xml).toMatch(/Costs &lt; benefits &amp; (&quot;|")thanks(&quot;|") matter/);
      expect(xml).toContain('What is still mine to do');
      expect(xml).toContain('(To complete.)'); // an unanswered question is marked, not dropped
    },
  );

  it('gives a GP credits for learning time, and appraisal notes a development plan naming no regulator', async () => {
    expect(await documentXml(sample('gp-appraisal', 'x'))).toContain('45 minutes (0.75 credits)');
    const appraisal = await documentXml(sample('appraisal', 'x'));
    expect(appraisal).toContain('My personal development plan');
    expect(appraisal).not.toMatch(/NMC|GMC|GPhC|HCPC|RCGP|revalidat|regulator/);
  });

  it('drops characters XML cannot hold, so Word opens the document', async () => {
    const xml = await documentXml(
      sample('nmc', 'Bell\u0007 and form feed\u000C and a lone \uD800 surrogate, kept: caf\u00E9 \u{1F600}'),
    );
    expect(xml).toContain('Bell and form feed and a lone  surrogate, kept: caf\u00E9 \u{1F600}');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});
