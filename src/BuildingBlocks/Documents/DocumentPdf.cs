using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CareMesh.Documents;

/// <summary>
/// A document as an A4 PDF: text wrapped to the page, tables and summary lists laid out in columns,
/// a new page when one fills, the footer and page number on every page. The font (DejaVu Sans) is
/// embedded, so the PDF reads the same on any machine and its text can be copied and searched.
/// </summary>
public static class DocumentPdf
{
    private const double Margin = 50;
    private const double FooterSpace = 30;

    static DocumentPdf() => EmbeddedFonts.Install();

    public static byte[] Render(Document document)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "CareMesh";
        new Layout(pdf, document).Write();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Writes blocks top to bottom, starting a page whenever the next line would not fit.</summary>
    private sealed class Layout(PdfDocument pdf, Document document)
    {
        private static readonly XFont Title = new(EmbeddedFonts.Family, 18, XFontStyleEx.Bold);
        private static readonly XFont Section = new(EmbeddedFonts.Family, 13, XFontStyleEx.Bold);
        private static readonly XFont Subsection = new(EmbeddedFonts.Family, 11, XFontStyleEx.Bold);
        private static readonly XFont Body = new(EmbeddedFonts.Family, 10, XFontStyleEx.Regular);
        private static readonly XFont Strong = new(EmbeddedFonts.Family, 10, XFontStyleEx.Bold);
        private static readonly XFont Small = new(EmbeddedFonts.Family, 8, XFontStyleEx.Regular);
        private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x21, 0x2b, 0x32));
        private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x4c, 0x62, 0x72));
        private static readonly XPen Rule = new(XColor.FromArgb(0xd8, 0xdd, 0xe0), 0.75);

        private readonly List<XGraphics> _pages = [];
        private XGraphics _page = null!;
        private double _y;
        private double _width;
        private double _bottom;

        public void Write()
        {
            NewPage();
            Lines(document.Title, Title, Margin, _width, Ink);
            foreach (var line in document.Subtitle)
            {
                Lines(line, Body, Margin, _width, Muted);
            }

            _y += 8;
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case Heading heading:
                        // Keep a heading with at least two lines of what follows it.
                        EnsureRoom(LineHeight(Section) + 3 * LineHeight(Body));
                        _y += heading.Level <= 2 ? 10 : 6;
                        Lines(heading.Text, heading.Level <= 2 ? Section : Subsection, Margin, _width, Ink);
                        _y += 2;
                        break;
                    case Paragraph paragraph:
                        Lines(paragraph.Text, Body, Margin, _width, Ink);
                        _y += 6;
                        break;
                    case SummaryList list:
                        foreach (var row in list.Rows)
                        {
                            Row([row.Key, row.Value], [0.34, 0.66], [Strong, Body]);
                        }

                        _y += 6;
                        break;
                    case Table table:
                        Lines(table.Caption, Strong, Margin, _width, Ink);
                        var shares = table.Widths is { } widths && widths.Count == table.Headings.Count
                            ? [.. widths.Select(w => w / widths.Sum())]
                            : table.Headings.Select(_ => 1.0 / table.Headings.Count).ToArray();
                        Row(table.Headings, shares, [.. table.Headings.Select(_ => Strong)]);
                        foreach (var row in table.Rows)
                        {
                            Row(row, shares, [.. row.Select(_ => Body)], repeatOnNewPage: table.Headings, repeatFonts: [.. table.Headings.Select(_ => Strong)]);
                        }

                        _y += 6;
                        break;
                    case BulletList bullets:
                        foreach (var item in bullets.Items)
                        {
                            EnsureRoom(LineHeight(Body));
                            _page.DrawString("•", Body, Ink, Margin + 4, _y, XStringFormats.TopLeft);
                            Lines(item, Body, Margin + 16, _width - 16, Ink);
                        }

                        _y += 6;
                        break;
                    case PageBreak:
                        NewPage();
                        break;
                }
            }

            for (var i = 0; i < _pages.Count; i++)
            {
                var page = _pages[i];
                var footer = $"{document.Footer}{(document.Footer is null ? "" : "   ·   ")}Page {i + 1} of {_pages.Count}";
                page.DrawString(footer, Small, Muted, Margin, page.PageSize.Height - Margin / 2 - 10, XStringFormats.TopLeft);
                page.Dispose();
            }
        }

        private void NewPage()
        {
            var page = pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _page = XGraphics.FromPdfPage(page);
            _pages.Add(_page);
            _y = Margin;
            _width = page.Width.Point - 2 * Margin;
            _bottom = page.Height.Point - Margin - FooterSpace;
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > _bottom)
            {
                NewPage();
            }
        }

        private static double LineHeight(XFont font) => font.Size * 1.35;

        /// <summary>Wrapped text from <see cref="_y"/> down, page by page.</summary>
        private void Lines(string text, XFont font, double x, double width, XBrush brush)
        {
            foreach (var line in Wrap(text, font, width))
            {
                EnsureRoom(LineHeight(font));
                _page.DrawString(line, font, brush, x, _y, XStringFormats.TopLeft);
                _y += LineHeight(font);
            }
        }

        /// <summary>Cells side by side, each wrapped in its share of the width; a rule beneath. A row taller than the room left starts a new page.</summary>
        private void Row(IReadOnlyList<string> cells, double[] shares, XFont[] fonts,
            IReadOnlyList<string>? repeatOnNewPage = null, XFont[]? repeatFonts = null)
        {
            const double gap = 8;
            var columns = cells.Select((cell, i) => Wrap(cell, fonts[i], _width * shares[i] - gap)).ToList();
            var height = columns.Max(c => c.Count * LineHeight(fonts[columns.IndexOf(c)])) + 6;
            if (_y + height > _bottom)
            {
                NewPage();
                if (repeatOnNewPage is not null)
                {
                    Row(repeatOnNewPage, shares, repeatFonts!);
                }
            }

            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var y = _y + 3;
                foreach (var line in columns[i])
                {
                    // A cell too long for a whole page is cut at the page's foot rather than written over it.
                    if (y + LineHeight(fonts[i]) > _bottom + FooterSpace / 2)
                    {
                        break;
                    }

                    _page.DrawString(line, fonts[i], Ink, x, y, XStringFormats.TopLeft);
                    y += LineHeight(fonts[i]);
                }

                x += _width * shares[i];
            }

            _y = Math.Min(_y + height, _bottom);
            _page.DrawLine(Rule, Margin, _y, Margin + _width, _y);
        }

        /// <summary>Breaks text into lines no wider than <paramref name="width"/>: at spaces, keeping the text's own line breaks, splitting a word only when it alone is too wide.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (_page.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (line.Length > 1 && _page.MeasureString(line, font).Width > width)
                    {
                        var fits = line.Length - 1;
                        while (fits > 1 && _page.MeasureString(line[..fits], font).Width > width)
                        {
                            fits--;
                        }

                        lines.Add(line[..fits]);
                        line = line[fits..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }
    }
}

/// <summary>Gives PDFsharp the embedded DejaVu Sans for every family it is asked for (it finds no system fonts on Linux).</summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Fonts.{faceName}.ttf")
                           ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
