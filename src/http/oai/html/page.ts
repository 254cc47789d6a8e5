/**
 * OAI-PMH responses as web pages, for browsers (no XSLT): made on the server from the very XML document
 * a harvester gets, in the site's layout. Every value is escaped by the `html` template; every identifier,
 * set and token goes into links through URLSearchParams (so `&`, `#`, `?` or non-ASCII stay in their argument).
 */
import { type Html, html, raw } from '../../kit/html/escape.js';
import { page } from '../../kit/html/layout.js';
import { child, elements, localName, parseXmlTree, textOf, type XmlElement, xmlSource } from './xml-tree.js';

const STYLE = raw(`
nav.verbs a{margin-right:1rem}
table{margin:.5rem 0}th{width:12rem}
.record{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4rem 1rem;margin:1rem 0}
.record h3{margin:.3rem 0;font-size:1.05rem}
.deleted{color:#a00}.muted{color:#666;font-size:.9rem}
.oai-error{background:#fde8e8;border-left:4px solid #a00;padding:.5rem 1rem}
code{word-break:break-all}pre.source{background:#f3f3f3;padding:.5rem;overflow-x:auto;font-size:.85rem}
`);

/** The metadata format a record's metadata element is in, from its root element (for links to the same format). */
const PREFIX_OF_ROOT: Record<string, string> = { dc: 'oai_dc', RDF: 'rdf', record: 'marcxml', collection: 'marcxml' };

class OaiPage {
  constructor(
    /** The endpoint's path, e.g. `/oai`. */
    private readonly oai: string,
    private readonly request: Record<string, string>,
  ) {}

  link(args: Record<string, string>): string {
    return `${this.oai}?${new URLSearchParams(args)}`;
  }

  /** The same request as raw XML (`/oai/xml` answers it, whatever the Accept header). */
  xmlLink(): string {
    return `${this.oai}/xml?${new URLSearchParams(this.request)}`;
  }

  verbs(): Html {
    const entries: [string, Record<string, string>][] = [
      ['Identify', { verb: 'Identify' }],
      ['ListMetadataFormats', { verb: 'ListMetadataFormats' }],
      ['ListSets', { verb: 'ListSets' }],
      ['ListIdentifiers', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' }],
      ['ListRecords', { verb: 'ListRecords', metadataPrefix: 'oai_dc' }],
    ];
    return html`<nav class="verbs">${entries.map(([label, args]) => html`<a href="${this.link(args)}">${label}</a>`)}</nav>`;
  }

  body(el: XmlElement): Html {
    switch (localName(el.name)) {
      case 'error':
        return html`<p class="oai-error"><strong>${el.attrs.code ?? 'error'}</strong>: ${textOf(el)}</p>`;
      case 'Identify':
        return html`<table>${elements(el).map((c) => html`<tr><th>${localName(c.name)}</th><td>${textOf(c)}</td></tr>`)}</table>`;
      case 'ListMetadataFormats':
        return this.formats(el);
      case 'ListSets':
        return html`<table><tr><th>setSpec</th><td><strong>setName</strong></td></tr>${elements(el, 'set').map((s) => {
          const spec = textOf(child(s, 'setSpec'));
          return html`<tr><th><a href="${this.link({ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: spec })}">${spec}</a></th><td>${textOf(child(s, 'setName'))} · <a href="${this.link({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: spec })}">identifiers</a></td></tr>`;
        })}</table>`;
      case 'ListIdentifiers':
        return html`<p>${elements(el, 'header').length} record headers on this page${this.size(el)}.</p>
<table>${elements(el, 'header').map((h) => html`<tr><td>${this.headerLine(h, this.prefix())}</td></tr>`)}</table>${this.resume(el)}`;
      case 'ListRecords':
        return html`<p>${elements(el, 'record').length} records on this page${this.size(el)}.</p>${elements(el, 'record').map((r) => this.record(r))}${this.resume(el)}`;
      case 'GetRecord':
        return html`${elements(el, 'record').map((r) => this.record(r))}`;
      default:
        return html``;
    }
  }

  private prefix(): string {
    return this.request.metadataPrefix ?? 'oai_dc';
  }

  private formats(el: XmlElement): Html {
    const id = this.request.identifier;
    return html`<table><tr><th>metadataPrefix</th><td><strong>schema</strong></td></tr>${elements(el, 'metadataFormat').map((f) => {
      const prefix = textOf(child(f, 'metadataPrefix'));
      const args: Record<string, string> =
        id === undefined ? { verb: 'ListRecords', metadataPrefix: prefix } : { verb: 'GetRecord', metadataPrefix: prefix, identifier: id };
      return html`<tr><th><a href="${this.link(args)}">${prefix}</a></th><td><code>${textOf(child(f, 'schema'))}</code></td></tr>`;
    })}</table>`;
  }

  private size(list: XmlElement): string {
    const size = child(list, 'resumptionToken')?.attrs.completeListSize;
    return size === undefined ? '' : `, ${size} in the whole list`;
  }

  private resume(list: XmlElement): Html {
    const token = child(list, 'resumptionToken');
    if (!token) return html``;
    const value = textOf(token);
    if (value === '') return html`<p class="muted">End of the list.</p>`;
    return html`<p><a rel="next" href="${this.link({ verb: this.request.verb ?? '', resumptionToken: value })}">Next page →</a></p>`;
  }

  private headerLine(h: XmlElement, prefix: string): Html {
    const id = textOf(child(h, 'identifier'));
    return html`${h.attrs.status === 'deleted' ? html`<span class="deleted">deleted · </span>` : ''}<a href="${this.link({ verb: 'GetRecord', metadataPrefix: prefix, identifier: id })}"><code>${id}</code></a> · ${textOf(child(h, 'datestamp'))}${elements(h, 'setSpec').map((s) => html` · set ${textOf(s)}`)} · <a href="${this.link({ verb: 'ListMetadataFormats', identifier: id })}">formats</a>`;
  }

  private record(r: XmlElement): Html {
    const header = child(r, 'header');
    const metadata = elements(child(r, 'metadata'))[0];
    const prefix = (metadata && PREFIX_OF_ROOT[localName(metadata.name)]) ?? this.prefix();
    const dc = metadata && localName(metadata.name) === 'dc' ? metadata : undefined;
    const title = dc ? textOf(elements(dc, 'title')[0]) : '';
    return html`<section class="record">
${title ? html`<h3>${title}</h3>` : html`<h3 class="muted">${textOf(child(header, 'identifier'))}</h3>`}
<p class="muted">${header ? this.headerLine(header, prefix) : ''}</p>
${dc ? this.dublinCore(dc) : metadata ? html`<pre class="source"><code>${xmlSource(metadata)}</code></pre>` : ''}
</section>`;
  }

  private dublinCore(dc: XmlElement): Html {
    return html`<table>${elements(dc).map((e) => {
      const lang = e.attrs['xml:lang'];
      return html`<tr><th>${e.name}</th><td>${textOf(e)}${lang ? html` <span class="lang">@${lang}</span>` : ''}</td></tr>`;
    })}</table>`;
  }
}

/** The HTML page for one OAI-PMH XML response; `home` is the base path (`/`), `oai` the endpoint's path. */
export function oaiPage(xml: string, home: string, oai: string): string {
  const root = parseXmlTree(xml);
  const requestEl = child(root, 'request');
  const request = requestEl?.attrs ?? {};
  const view = new OaiPage(oai, request);
  const shown = elements(root).filter((e) => !['request', 'responseDate'].includes(localName(e.name)));
  const verb = request.verb;
  const asked = Object.entries(request).map(([k, v], i) => `${i ? '&' : '?'}${k}=${v}`);
  return page({
    title: `OAI-PMH ${verb ?? 'error'}`,
    home,
    current: 'OAI-PMH',
    style: STYLE,
    links: [{ rel: 'alternate', type: 'text/xml', href: view.xmlLink() }],
    body: html`<h1>OAI-PMH${verb ? `: ${verb}` : ''}</h1>
${view.verbs()}
<p class="muted">Request: <code>${textOf(requestEl)}${asked}</code> · answered ${textOf(child(root, 'responseDate'))} · <a class="xml" href="${view.xmlLink()}">this answer as XML</a> (what harvesters get)</p>
${shown.map((e) => view.body(e))}`,
  });
}
