<?xml version="1.0" encoding="utf-8"?>
<!-- The rows of every innermost table of an HTML page, in document order, as text for
     pipelines/read_markup.py (a title in a table of its own stays above the header, as on the page):
     U+E001 starts the sheet, U+E004 ends a cell, U+E005 ends a row; a cell with colspan or rowspan
     starts with U+E002 ",colspan,rowspan" U+E003. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/">
    <xsl:text>&#xE001;</xsl:text>
    <xsl:apply-templates select="//table[not(.//table)]"/>
  </xsl:template>
  <xsl:template match="table|thead|tbody|tfoot">
    <xsl:apply-templates select="*"/>
  </xsl:template>
  <xsl:template match="tr">
    <xsl:apply-templates select="td|th"/>
    <xsl:text>&#xE005;</xsl:text>
  </xsl:template>
  <xsl:template match="td|th">
    <xsl:if test="@colspan or @rowspan">
      <xsl:text>&#xE002;,</xsl:text>
      <xsl:value-of select="@colspan"/>
      <xsl:text>,</xsl:text>
      <xsl:value-of select="@rowspan"/>
      <xsl:text>&#xE003;</xsl:text>
    </xsl:if>
    <xsl:value-of select="."/>
    <xsl:text>&#xE004;</xsl:text>
  </xsl:template>
  <xsl:template match="*"/>
</xsl:stylesheet>
