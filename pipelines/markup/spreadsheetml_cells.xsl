<?xml version="1.0" encoding="utf-8"?>
<!-- Every worksheet of a SpreadsheetML 2003 workbook as text for pipelines/read_markup.py: U+E001 starts
     a worksheet, U+E004 ends a cell, U+E005 ends a row; a row with ss:Index starts with U+E006 index
     U+E003; a cell with ss:Index or ss:MergeAcross starts with U+E002 "index,width,1" U+E003. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/">
    <xsl:for-each select="ss:Workbook/ss:Worksheet/ss:Table">
      <xsl:text>&#xE001;</xsl:text>
      <xsl:for-each select="ss:Row">
        <xsl:if test="@ss:Index">
          <xsl:text>&#xE006;</xsl:text>
          <xsl:value-of select="@ss:Index"/>
          <xsl:text>&#xE003;</xsl:text>
        </xsl:if>
        <xsl:for-each select="ss:Cell">
          <xsl:if test="@ss:Index or @ss:MergeAcross">
            <xsl:text>&#xE002;</xsl:text>
            <xsl:value-of select="@ss:Index"/>
            <xsl:text>,</xsl:text>
            <xsl:choose>
              <xsl:when test="@ss:MergeAcross"><xsl:value-of select="@ss:MergeAcross + 1"/></xsl:when>
              <xsl:otherwise>1</xsl:otherwise>
            </xsl:choose>
            <xsl:text>,1&#xE003;</xsl:text>
          </xsl:if>
          <xsl:value-of select="ss:Data"/>
          <xsl:text>&#xE004;</xsl:text>
        </xsl:for-each>
        <xsl:text>&#xE005;</xsl:text>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
