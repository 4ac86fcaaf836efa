/* The functions of xlsxwriter.h that rdoc_xlsx.c calls, resolved on first use (lazylib.h).
 * A function missing here fails to link, naming it. */
#ifndef EJ_LAZY_XLSX_H
#define EJ_LAZY_XLSX_H
#include <xlsxwriter.h>
#include "lazylib.h"

LAZY_PTR(format_set_align);
#define format_set_align LAZY(lazy_xlsx, format_set_align)
LAZY_PTR(format_set_bg_color);
#define format_set_bg_color LAZY(lazy_xlsx, format_set_bg_color)
LAZY_PTR(format_set_bold);
#define format_set_bold LAZY(lazy_xlsx, format_set_bold)
LAZY_PTR(format_set_border);
#define format_set_border LAZY(lazy_xlsx, format_set_border)
LAZY_PTR(format_set_font_name);
#define format_set_font_name LAZY(lazy_xlsx, format_set_font_name)
LAZY_PTR(format_set_font_size);
#define format_set_font_size LAZY(lazy_xlsx, format_set_font_size)
LAZY_PTR(format_set_italic);
#define format_set_italic LAZY(lazy_xlsx, format_set_italic)
LAZY_PTR(format_set_num_format);
#define format_set_num_format LAZY(lazy_xlsx, format_set_num_format)
LAZY_PTR(format_set_text_wrap);
#define format_set_text_wrap LAZY(lazy_xlsx, format_set_text_wrap)
LAZY_PTR(lxw_strerror);
#define lxw_strerror LAZY(lazy_xlsx, lxw_strerror)
LAZY_PTR(lxw_worksheet_write_single_row);
#define lxw_worksheet_write_single_row LAZY(lazy_xlsx, lxw_worksheet_write_single_row)
LAZY_PTR(workbook_add_format);
#define workbook_add_format LAZY(lazy_xlsx, workbook_add_format)
LAZY_PTR(workbook_add_worksheet);
#define workbook_add_worksheet LAZY(lazy_xlsx, workbook_add_worksheet)
LAZY_PTR(workbook_close);
#define workbook_close LAZY(lazy_xlsx, workbook_close)
LAZY_PTR(workbook_new_opt);
#define workbook_new_opt LAZY(lazy_xlsx, workbook_new_opt)
LAZY_PTR(workbook_set_properties);
#define workbook_set_properties LAZY(lazy_xlsx, workbook_set_properties)
LAZY_PTR(worksheet_fit_to_pages);
#define worksheet_fit_to_pages LAZY(lazy_xlsx, worksheet_fit_to_pages)
LAZY_PTR(worksheet_freeze_panes);
#define worksheet_freeze_panes LAZY(lazy_xlsx, worksheet_freeze_panes)
LAZY_PTR(worksheet_merge_range);
#define worksheet_merge_range LAZY(lazy_xlsx, worksheet_merge_range)
LAZY_PTR(worksheet_print_across);
#define worksheet_print_across LAZY(lazy_xlsx, worksheet_print_across)
LAZY_PTR(worksheet_repeat_rows);
#define worksheet_repeat_rows LAZY(lazy_xlsx, worksheet_repeat_rows)
LAZY_PTR(worksheet_repeat_columns);
#define worksheet_repeat_columns LAZY(lazy_xlsx, worksheet_repeat_columns)
LAZY_PTR(worksheet_set_column);
#define worksheet_set_column LAZY(lazy_xlsx, worksheet_set_column)
LAZY_PTR(worksheet_set_footer);
#define worksheet_set_footer LAZY(lazy_xlsx, worksheet_set_footer)
LAZY_PTR(worksheet_set_header);
#define worksheet_set_header LAZY(lazy_xlsx, worksheet_set_header)
LAZY_PTR(worksheet_set_landscape);
#define worksheet_set_landscape LAZY(lazy_xlsx, worksheet_set_landscape)
LAZY_PTR(worksheet_set_margins);
#define worksheet_set_margins LAZY(lazy_xlsx, worksheet_set_margins)
LAZY_PTR(worksheet_set_paper);
#define worksheet_set_paper LAZY(lazy_xlsx, worksheet_set_paper)
LAZY_PTR(worksheet_set_print_scale);
#define worksheet_set_print_scale LAZY(lazy_xlsx, worksheet_set_print_scale)
LAZY_PTR(worksheet_set_v_pagebreaks);
#define worksheet_set_v_pagebreaks LAZY(lazy_xlsx, worksheet_set_v_pagebreaks)
LAZY_PTR(worksheet_set_row);
#define worksheet_set_row LAZY(lazy_xlsx, worksheet_set_row)
LAZY_PTR(worksheet_write_blank);
#define worksheet_write_blank LAZY(lazy_xlsx, worksheet_write_blank)
LAZY_PTR(worksheet_write_number);
#define worksheet_write_number LAZY(lazy_xlsx, worksheet_write_number)
LAZY_PTR(worksheet_write_string);
#define worksheet_write_string LAZY(lazy_xlsx, worksheet_write_string)

/* Resolves every function above now, on this thread: a library that lacks one
 * dies here, not on the background thread that may write the sheets later. */
static inline void lazy_xlsx_bind(void)
{
	(void)&format_set_align;
	(void)&format_set_bg_color;
	(void)&format_set_bold;
	(void)&format_set_border;
	(void)&format_set_font_name;
	(void)&format_set_font_size;
	(void)&format_set_italic;
	(void)&format_set_num_format;
	(void)&format_set_text_wrap;
	(void)&lxw_strerror;
	(void)&lxw_worksheet_write_single_row;
	(void)&workbook_add_format;
	(void)&workbook_add_worksheet;
	(void)&workbook_close;
	(void)&workbook_new_opt;
	(void)&workbook_set_properties;
	(void)&worksheet_fit_to_pages;
	(void)&worksheet_freeze_panes;
	(void)&worksheet_merge_range;
	(void)&worksheet_print_across;
	(void)&worksheet_repeat_rows;
	(void)&worksheet_repeat_columns;
	(void)&worksheet_set_column;
	(void)&worksheet_set_footer;
	(void)&worksheet_set_header;
	(void)&worksheet_set_landscape;
	(void)&worksheet_set_margins;
	(void)&worksheet_set_paper;
	(void)&worksheet_set_print_scale;
	(void)&worksheet_set_v_pagebreaks;
	(void)&worksheet_set_row;
	(void)&worksheet_write_blank;
	(void)&worksheet_write_number;
	(void)&worksheet_write_string;
}

#endif
