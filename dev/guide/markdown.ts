/**
 * What the guide's Markdown holds, read with a Markdown parser (marked's lexer), never with patterns: its links,
 * its images, its headings (as the anchors GitHub and our HTML rendering give them) and its words.
 */
import type { Token, Tokens } from 'marked';

type Lexer = (markdown: string) => Token[];

export interface ChapterFacts {
  links: string[];
  images: string[];
  /** Anchors of the chapter's headings (`## Photos` → `photos`). */
  anchors: string[];
  /** Words of the prose, code blocks left out. */
  words: number;
}

/**
 * GitHub's heading anchors: lower case, everything but letters, digits, spaces, `-` and `_` dropped, spaces to `-`.
 * Accented letters stay (`## Fotos y calendarios` → `fotos-y-calendarios`). The HTML rendering uses the same.
 */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

export function chapterFacts(markdown: string, lex: Lexer): ChapterFacts {
  const facts: ChapterFacts = { links: [], images: [], anchors: [], words: 0 };
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'link':
          facts.links.push((token as Tokens.Link).href);
          break;
        case 'image':
          facts.images.push((token as Tokens.Image).href);
          break;
        case 'heading':
          facts.anchors.push(headingAnchor(plainText((token as Tokens.Heading).tokens)));
          break;
        case 'text':
          if (!('tokens' in token) || token.tokens === undefined) facts.words += countWords(token.text);
          break;
        case 'codespan':
          facts.words += countWords(token.text);
          break;
        default:
          break;
      }
      if (token.type === 'code') continue;
      for (const children of childTokens(token)) visit(children);
    }
  };
  visit(lex(markdown));
  return facts;
}

function childTokens(token: Token): Token[][] {
  const lists: Token[][] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) lists.push(token.tokens);
  if (token.type === 'list') for (const item of (token as Tokens.List).items) lists.push(item.tokens);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of table.header) lists.push(cell.tokens);
    for (const row of table.rows) for (const cell of row) lists.push(cell.tokens);
  }
  return lists;
}

function plainText(tokens: readonly Token[]): string {
  return tokens.map((t) => ('tokens' in t && Array.isArray(t.tokens) ? plainText(t.tokens) : t.raw)).join('');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
