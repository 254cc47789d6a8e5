<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows libkg's OAI-PMH responses as web pages (as OAI providers ship such a stylesheet):
  the verbs, the request, headers and Dublin Core records, errors, and a link to resume a list.
  XSLT 1.0, no script; the browser applies it through the xml-stylesheet instruction.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:oai="http://www.openarchives.org/OAI/2.0/"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="oai oai_dc dc">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- The endpoint's path as the response names it (baseURL without scheme and host). -->
  <xsl:variable name="base" select="substring-after(substring-after(/oai:OAI-PMH/oai:request, '://'), '/')"/>
  <xsl:variable name="oai" select="concat('/', $base)"/>
  <xsl:variable name="home" select="substring($oai, 1, string-length($oai) - 3)"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>OAI-PMH <xsl:value-of select="oai:OAI-PMH/oai:request/@verb"/> · libkg</title>
        <link rel="stylesheet" href="{$home}assets/libkg.css"/>
        <link rel="icon" type="image/svg+xml" href="{$home}favicon.svg"/>
        <style>
          body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
          main{max-width:60rem;margin:0 auto;padding:0 1rem 2rem}
          nav.verbs a{margin-right:1rem}
          table{border-collapse:collapse;width:100%;margin:.5rem 0}
          th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-top:1px solid #ddd}
          th{width:12rem;font-weight:600}
          .record{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4rem 1rem;margin:1rem 0}
          .record h3{margin:.3rem 0;font-size:1.05rem}
          .deleted{color:#a00}.muted{color:#666;font-size:.9rem}
          .oai-error{background:#fde8e8;border-left:4px solid #a00;padding:.5rem 1rem}
          code{word-break:break-all}
        </style>
      </head>
      <body>
        <header class="site"><nav aria-label="libkg">
          <a class="brand" href="{$home}">libkg</a>
          <xsl:text> </xsl:text><a href="{$home}search">Search</a>
          <xsl:text> </xsl:text><a href="{$home}sparql">SPARQL</a>
          <xsl:text> </xsl:text><a href="{$home}graphql">GraphQL</a>
          <xsl:text> </xsl:text><a href="{$home}.well-known/void">Dataset</a>
          <xsl:text> </xsl:text><a href="{$home}dumps/">Dumps</a>
          <xsl:text> </xsl:text><a href="{$oai}?verb=Identify" aria-current="page">OAI-PMH</a>
          <xsl:text> </xsl:text><a href="{$home}ldes">LDES</a>
          <xsl:text> </xsl:text><a href="{$home}ontology">Ontology</a>
        </nav></header>
        <main>
          <h1>OAI-PMH: <xsl:value-of select="oai:OAI-PMH/oai:request/@verb"/></h1>
          <nav class="verbs">
            <a href="{$oai}?verb=Identify">Identify</a>
            <a href="{$oai}?verb=ListMetadataFormats">ListMetadataFormats</a>
            <a href="{$oai}?verb=ListSets">ListSets</a>
            <a href="{$oai}?verb=ListIdentifiers&amp;metadataPrefix=oai_dc">ListIdentifiers</a>
            <a href="{$oai}?verb=ListRecords&amp;metadataPrefix=oai_dc">ListRecords</a>
          </nav>
          <p class="muted">Request: <code><xsl:value-of select="oai:OAI-PMH/oai:request"/><xsl:for-each select="oai:OAI-PMH/oai:request/@*"><xsl:choose><xsl:when test="position() = 1">?</xsl:when><xsl:otherwise>&amp;</xsl:otherwise></xsl:choose><xsl:value-of select="name()"/>=<xsl:value-of select="."/></xsl:for-each></code>
            · answered <xsl:value-of select="oai:OAI-PMH/oai:responseDate"/>
            · this page is the protocol's XML shown through a stylesheet; harvesters read the same document.</p>
          <xsl:apply-templates select="oai:OAI-PMH/*[not(self::oai:request or self::oai:responseDate)]"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="oai:error">
    <p class="oai-error"><strong><xsl:value-of select="@code"/></strong>: <xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="oai:Identify">
    <table>
      <xsl:for-each select="*">
        <tr><th><xsl:value-of select="local-name()"/></th><td><xsl:value-of select="."/></td></tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListMetadataFormats">
    <table>
      <tr><th>metadataPrefix</th><td><strong>schema</strong></td></tr>
      <xsl:for-each select="oai:metadataFormat">
        <tr>
          <th><a href="{$oai}?verb=ListRecords&amp;metadataPrefix={oai:metadataPrefix}"><xsl:value-of select="oai:metadataPrefix"/></a></th>
          <td><code><xsl:value-of select="oai:schema"/></code></td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListSets">
    <table>
      <xsl:for-each select="oai:set">
        <tr>
          <th><a href="{$oai}?verb=ListRecords&amp;metadataPrefix=oai_dc&amp;set={oai:setSpec}"><xsl:value-of select="oai:setSpec"/></a></th>
          <td><xsl:value-of select="oai:setName"/></td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListIdentifiers">
    <p><xsl:value-of select="count(oai:header)"/> record headers on this page<xsl:call-template name="size"/>.</p>
    <table>
      <xsl:for-each select="oai:header">
        <tr><td><xsl:apply-templates select="." mode="line"/></td></tr>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:ListRecords | oai:GetRecord">
    <xsl:if test="self::oai:ListRecords">
      <p><xsl:value-of select="count(oai:record)"/> records on this page<xsl:call-template name="size"/>.</p>
    </xsl:if>
    <xsl:for-each select="oai:record">
      <section class="record">
        <xsl:choose>
          <xsl:when test="oai:metadata/oai_dc:dc/dc:title">
            <h3><xsl:value-of select="oai:metadata/oai_dc:dc/dc:title[1]"/></h3>
          </xsl:when>
          <xsl:otherwise><h3 class="muted"><xsl:value-of select="oai:header/oai:identifier"/></h3></xsl:otherwise>
        </xsl:choose>
        <p class="muted"><xsl:apply-templates select="oai:header" mode="line"/></p>
        <xsl:if test="oai:metadata/oai_dc:dc">
          <table>
            <xsl:for-each select="oai:metadata/oai_dc:dc/*">
              <tr><th><xsl:value-of select="name()"/></th><td><xsl:value-of select="."/></td></tr>
            </xsl:for-each>
          </table>
        </xsl:if>
        <xsl:if test="oai:metadata and not(oai:metadata/oai_dc:dc)">
          <p class="muted">Metadata as <code><xsl:value-of select="name(oai:metadata/*)"/></code>: view the page source.</p>
        </xsl:if>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:header" mode="line">
    <xsl:if test="@status = 'deleted'"><span class="deleted">deleted · </span></xsl:if>
    <a href="{$oai}?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier={oai:identifier}"><code><xsl:value-of select="oai:identifier"/></code></a>
    · <xsl:value-of select="oai:datestamp"/>
    <xsl:for-each select="oai:setSpec"> · set <xsl:value-of select="."/></xsl:for-each>
  </xsl:template>

  <xsl:template name="size">
    <xsl:if test="oai:resumptionToken/@completeListSize">, <xsl:value-of select="oai:resumptionToken/@completeListSize"/> in the whole list</xsl:if>
  </xsl:template>

  <xsl:template match="oai:resumptionToken">
    <xsl:choose>
      <xsl:when test="string(.) != ''">
        <p><a rel="next" href="{$oai}?verb={/oai:OAI-PMH/oai:request/@verb}&amp;resumptionToken={.}">Next page →</a></p>
      </xsl:when>
      <xsl:otherwise><p class="muted">End of the list.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
