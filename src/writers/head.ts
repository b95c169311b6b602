/** Machine-readable metadata for the <head> of the HTML and print documents. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/config.js';
import { rightsStatement } from '../licence/notice.js';
import { VERSION } from '../version.js';

export function metadataHead(config: BookConfig): Element[] {
  const meta = (name: string, content: string | undefined): Element[] => (content ? [h('meta', { name, content })] : []);
  const l = config.licence;
  return [
    ...meta('author', config.creators.join(', ')),
    ...meta('description', config.description),
    ...meta('keywords', config.subjects.join(', ')),
    ...meta('generator', `Octavo ${VERSION}`),
    h('link', { rel: ['schema.dcterms'], href: 'http://purl.org/dc/terms/' }),
    ...meta('dcterms.title', config.title),
    ...config.creators.flatMap((c) => meta('dcterms.creator', c)),
    ...meta('dcterms.language', config.language),
    ...meta('dcterms.identifier', config.identifier),
    ...meta('dcterms.publisher', config.publisher),
    ...meta('dcterms.date', config.date),
    ...meta('dcterms.modified', config.modified),
    ...meta('dcterms.source', config.source),
    ...meta('dcterms.rights', rightsStatement(config)),
    ...meta('dcterms.license', l.url || undefined),
    ...(l.url ? [h('link', { rel: ['license'], href: l.url })] : []),
  ];
}
