using System.Net;
using System.Text;

namespace CareMesh.Documents;

/// <summary>
/// A document as one self-contained, accessible HTML page: the language declared, one h1, headings
/// in order, summary lists as description lists, tables with captions and scoped headings, readable
/// at 320 CSS pixels and printable. No script, no external resource.
/// </summary>
public static class DocumentHtml
{
    private const string Styles = """
        body{font-family:Arial,"DejaVu Sans",sans-serif;font-size:1.1875rem;line-height:1.5;color:#212b32;margin:0;padding:1rem;max-width:60rem}
        h1{font-size:2rem;line-height:1.25;margin:0 0 .5rem}h2{font-size:1.5rem;margin:2rem 0 .75rem}h3{font-size:1.25rem;margin:1.5rem 0 .5rem}
        .subtitle{color:#4c6272;margin:0}
        dl{display:grid;grid-template-columns:minmax(8rem,1fr) 2fr;gap:.5rem 1rem;margin:0 0 1rem;border-top:1px solid #d8dde0;padding-top:.5rem}
        dt{font-weight:700}dd{margin:0;white-space:pre-line}
        @media (max-width:40rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
        table{border-collapse:collapse;width:100%;margin:0 0 1rem}caption{text-align:left;font-weight:700;margin-bottom:.5rem}
        th,td{text-align:left;vertical-align:top;border-bottom:1px solid #d8dde0;padding:.5rem .75rem .5rem 0}
        .table-wrap{overflow-x:auto}
        footer{margin-top:2rem;border-top:1px solid #d8dde0;padding-top:.5rem;color:#4c6272;font-size:1rem}
        .page-break{break-after:page}
        @media print{body{font-size:11pt;max-width:none}}
        """;

    public static string Render(Document document)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"{Encode(document.Language)}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{Encode(document.Title)}</title>\n<style>{Styles}</style>\n</head>\n<body>\n<main>\n")
            .Append($"<h1>{Encode(document.Title)}</h1>\n");
        foreach (var line in document.Subtitle)
        {
            html.Append($"<p class=\"subtitle\">{Encode(line)}</p>\n");
        }

        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading heading:
                    var level = Math.Clamp(heading.Level, 2, 6);
                    html.Append($"<h{level}>{Encode(heading.Text)}</h{level}>\n");
                    break;
                case Paragraph paragraph:
                    html.Append($"<p>{Encode(paragraph.Text)}</p>\n");
                    break;
                case SummaryList list:
                    html.Append("<dl>\n");
                    foreach (var row in list.Rows)
                    {
                        html.Append($"<dt>{Encode(row.Key)}</dt><dd>{Encode(row.Value)}</dd>\n");
                    }

                    html.Append("</dl>\n");
                    break;
                case Table table:
                    html.Append($"<div class=\"table-wrap\"><table>\n<caption>{Encode(table.Caption)}</caption>\n<thead><tr>");
                    foreach (var heading in table.Headings)
                    {
                        html.Append($"<th scope=\"col\">{Encode(heading)}</th>");
                    }

                    html.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in table.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            html.Append($"<td>{Encode(cell)}</td>");
                        }

                        html.Append("</tr>\n");
                    }

                    html.Append("</tbody>\n</table></div>\n");
                    break;
                case BulletList bullets:
                    html.Append("<ul>\n");
                    foreach (var item in bullets.Items)
                    {
                        html.Append($"<li>{Encode(item)}</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case PageBreak:
                    html.Append("<div class=\"page-break\"></div>\n");
                    break;
            }
        }

        html.Append("</main>\n");
        if (document.Footer is { } footer)
        {
            html.Append($"<footer><p>{Encode(footer)}</p></footer>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
