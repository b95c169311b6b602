/** The licence notice as plain text, for metadata fields (dc:rights, PDF info, meta tags). */
import type { BookConfig } from '../config/config.js';
import { licenceUrls } from './licence.js';

export function creditLine(config: BookConfig): string {
  const by = config.creators.length ? ` by ${config.creators.join(', ')}` : '';
  return `“${config.title}”${by}`;
}

/**
 * One sentence a reader or a machine can act on: TASL plus the source's own
 * statement. An expression names each licence and its address ("MIT License
 * or Apache License 2.0, at your choice (MIT OR Apache-2.0), https://…, https://…").
 */
export function rightsStatement(config: BookConfig): string {
  const l = config.licence;
  const parts: string[] = [];
  if (l.url) parts.push(`${creditLine(config)} is licensed under ${l.name} (${l.spdx}), ${licenceUrls(l).join(', ')}.`);
  else parts.push(`${creditLine(config)}. All rights reserved.`);
  if (l.conditions.nonCommercial)
    parts.push('Non-commercial use only: this work may not be used for commercial purposes.');
  if (config.copyright) parts.push(config.copyright);
  if (config.source) parts.push(`Source: ${config.source}`);
  if (config.licenceStatement) parts.push(config.licenceStatement);
  if (config.changes.length) parts.push(`Changes: ${config.changes.join(' ')}`);
  return parts.join(' ');
}
