import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownCodeBlocks } from '../helpers/markdownCodeBlocks';

/**
 * The README's Angular section is the code of examples/angular (which spec/e2e/angularExample.spec.ts
 * builds and drives in Chromium): every line of its service is in the example's service, in order,
 * and every binding of its template is in the example's component.
 */
const root = join(__dirname, '..', '..');
const blocks = markdownCodeBlocks(join(root, 'README.md')).filter((b) => b.heading === 'Angular');
const example = (path: string) => readFileSync(join(root, 'examples', 'angular', 'src', 'app', path), 'utf8');

describe('README "Angular" and examples/angular', () => {
  it('the service block is the example\'s ChatService, line for line (the example may add members)', () => {
    const [service] = blocks.filter((b) => b.lang === 'ts');
    const lines = example('chat.service.ts').split('\n');
    let at = 0;
    for (const wanted of service.code.split('\n').filter((l) => l.trim() !== '')) {
      const found = lines.indexOf(wanted, at);
      if (found < 0) throw new Error(`README.md:${service.line}: examples/angular/src/app/chat.service.ts has no line \`${wanted}\` after line ${at}`);
      at = found + 1;
    }
  });

  it('every binding of the template block is bound in the example\'s component', () => {
    const [template] = blocks.filter((b) => b.lang === 'html');
    // The service streams it reads through the async pipe, and the interpolations it shows (either syntax: *ngFor or @for).
    const streams = [...template.code.matchAll(/chat\.\w+\$ \| async/g)].map((m) => m[0]);
    const shown = [...template.code.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]);
    expect(streams).toEqual(expect.arrayContaining(['chat.messages$ | async', 'chat.agentTyping$ | async']));
    expect(shown.length).toBeGreaterThan(0);
    const component = example('chat.component.ts');
    for (const binding of [...streams, ...shown]) expect(component).toContain(binding);
  });
});
