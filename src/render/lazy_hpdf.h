/* The functions of hpdf.h that pdf.c calls, resolved on first use (lazylib.h).
 * A function missing here fails to link, naming it. */
#ifndef EJ_LAZY_HPDF_H
#define EJ_LAZY_HPDF_H
#include <hpdf.h>
#include "lazylib.h"

LAZY_PTR(HPDF_AddPage);
#define HPDF_AddPage LAZY(lazy_hpdf, HPDF_AddPage)
LAZY_PTR(HPDF_Font_TextWidth);
#define HPDF_Font_TextWidth LAZY(lazy_hpdf, HPDF_Font_TextWidth)
LAZY_PTR(HPDF_Free);
#define HPDF_Free LAZY(lazy_hpdf, HPDF_Free)
LAZY_PTR(HPDF_GetFont);
#define HPDF_GetFont LAZY(lazy_hpdf, HPDF_GetFont)
LAZY_PTR(HPDF_LoadTTFontFromFile);
#define HPDF_LoadTTFontFromFile LAZY(lazy_hpdf, HPDF_LoadTTFontFromFile)
LAZY_PTR(HPDF_New);
#define HPDF_New LAZY(lazy_hpdf, HPDF_New)
LAZY_PTR(HPDF_Page_BeginText);
#define HPDF_Page_BeginText LAZY(lazy_hpdf, HPDF_Page_BeginText)
LAZY_PTR(HPDF_Page_EndText);
#define HPDF_Page_EndText LAZY(lazy_hpdf, HPDF_Page_EndText)
LAZY_PTR(HPDF_Page_Fill);
#define HPDF_Page_Fill LAZY(lazy_hpdf, HPDF_Page_Fill)
LAZY_PTR(HPDF_Page_GetHeight);
#define HPDF_Page_GetHeight LAZY(lazy_hpdf, HPDF_Page_GetHeight)
LAZY_PTR(HPDF_Page_GetWidth);
#define HPDF_Page_GetWidth LAZY(lazy_hpdf, HPDF_Page_GetWidth)
LAZY_PTR(HPDF_Page_LineTo);
#define HPDF_Page_LineTo LAZY(lazy_hpdf, HPDF_Page_LineTo)
LAZY_PTR(HPDF_Page_MoveTo);
#define HPDF_Page_MoveTo LAZY(lazy_hpdf, HPDF_Page_MoveTo)
LAZY_PTR(HPDF_Page_Rectangle);
#define HPDF_Page_Rectangle LAZY(lazy_hpdf, HPDF_Page_Rectangle)
LAZY_PTR(HPDF_Page_SetFontAndSize);
#define HPDF_Page_SetFontAndSize LAZY(lazy_hpdf, HPDF_Page_SetFontAndSize)
LAZY_PTR(HPDF_Page_SetGrayFill);
#define HPDF_Page_SetGrayFill LAZY(lazy_hpdf, HPDF_Page_SetGrayFill)
LAZY_PTR(HPDF_Page_SetLineWidth);
#define HPDF_Page_SetLineWidth LAZY(lazy_hpdf, HPDF_Page_SetLineWidth)
LAZY_PTR(HPDF_Page_SetSize);
#define HPDF_Page_SetSize LAZY(lazy_hpdf, HPDF_Page_SetSize)
LAZY_PTR(HPDF_Page_Stroke);
#define HPDF_Page_Stroke LAZY(lazy_hpdf, HPDF_Page_Stroke)
LAZY_PTR(HPDF_Page_TextOut);
#define HPDF_Page_TextOut LAZY(lazy_hpdf, HPDF_Page_TextOut)
LAZY_PTR(HPDF_ReadFromStream);
#define HPDF_ReadFromStream LAZY(lazy_hpdf, HPDF_ReadFromStream)
LAZY_PTR(HPDF_ResetStream);
#define HPDF_ResetStream LAZY(lazy_hpdf, HPDF_ResetStream)
LAZY_PTR(HPDF_SaveToStream);
#define HPDF_SaveToStream LAZY(lazy_hpdf, HPDF_SaveToStream)
LAZY_PTR(HPDF_SetCompressionMode);
#define HPDF_SetCompressionMode LAZY(lazy_hpdf, HPDF_SetCompressionMode)
LAZY_PTR(HPDF_SetCurrentEncoder);
#define HPDF_SetCurrentEncoder LAZY(lazy_hpdf, HPDF_SetCurrentEncoder)
LAZY_PTR(HPDF_SetInfoAttr);
#define HPDF_SetInfoAttr LAZY(lazy_hpdf, HPDF_SetInfoAttr)
LAZY_PTR(HPDF_SetInfoDateAttr);
#define HPDF_SetInfoDateAttr LAZY(lazy_hpdf, HPDF_SetInfoDateAttr)
LAZY_PTR(HPDF_UseUTFEncodings);
#define HPDF_UseUTFEncodings LAZY(lazy_hpdf, HPDF_UseUTFEncodings)

#endif
