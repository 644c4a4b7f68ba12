<?xml version="1.0" encoding="utf-8"?>
<!--
  Makes the RSS and Atom feeds readable when someone opens one in a browser: what a feed is, how to
  subscribe, and the latest articles. Feed readers ignore it.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="description" select="/rss/channel/description | /atom:feed/atom:subtitle"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[not(@rel) or @rel='alternate']/@href"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (web feed)</title>
        <style>
          :root { color-scheme: light dark; font: 1.05rem/1.6 system-ui, sans-serif; }
          body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
          .about { padding: 1rem; border: 1px solid #8884; border-radius: 6px; }
          li { margin: 0 0 1rem; }
          time { color: GrayText; font-size: 0.9rem; display: block; }
        </style>
      </head>
      <body>
        <p class="about">
          <strong>This is a web feed.</strong> Copy the address of this page into a feed reader
          to get new articles as they are published. Nothing to install? Many free readers exist
          for every device; search for “RSS reader”.
        </p>
        <h1><xsl:value-of select="$title"/></h1>
        <p><xsl:value-of select="$description"/></p>
        <p><a href="{$home}">Visit the site</a></p>
        <h2>Latest articles</h2>
        <ol>
          <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
        </ol>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <time><xsl:value-of select="pubDate"/></time>
      <xsl:value-of select="description"/>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
      <time><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
      <xsl:value-of select="atom:summary"/>
    </li>
  </xsl:template>
</xsl:stylesheet>
