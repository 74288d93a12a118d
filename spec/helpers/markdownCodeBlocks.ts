import { readFileSync } from 'node:fs';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The info string's first word (`ts`, `html`, `sh`, …; '' when none). */
  lang: string;
  /** The block's text, without the fences. */
  code: string;
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
  /** The nearest heading above the block. */
  heading: string;
}

/** Every fenced (```) code block of a Markdown file, in order, with the heading it sits under. */
export function markdownCodeBlocks(path: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i += 1) {
    const heading$ = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading$) heading = heading$[1].trim();
    const open = /^```\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`${path}:${start + 1}: code block never closed`);
    blocks.push({ lang: open[1], code: body.join('\n'), line: start + 1, heading });
  }
  return blocks;
}
