using System.Text.RegularExpressions;
using CareMesh.Documents;
using UglyToad.PdfPig;

namespace CareMesh.Documents.Tests;

public partial class DocumentRenderingTests
{
    private static Document Sample(int goals = 3) => new("Care and support plan",
    [
        new Heading("About me"),
        new Paragraph("I want to get back to my allotment & see my friends <on Tuesdays>."),
        new SummaryList([new SummaryRow("Date of birth", "10 December 1950"), new SummaryRow("NHS number", "943 476 5919")]),
        new Heading("Goals"),
        new Table("Goals", ["Goal", "Target date", "Status"],
            [.. Enumerable.Range(1, goals).Select(i => (IReadOnlyList<string>)[i == 2 ? "Goal number 2: walk to the shops without help" : $"Goal number {i}", "1 March 2027", "active"])]),
        new BulletList(["Call Age UK", "Book a carer's assessment"]),
    ])
    {
        Subtitle = ["Zoë Lovelace", "Agreed on 1 December 2026"],
        Footer = "Confidential: contains personal information",
    };

    [Fact]
    public void The_pdf_holds_the_documents_text_in_reading_order()
    {
        var pdf = DocumentPdf.Render(Sample());

        using var read = PdfDocument.Open(pdf);
        var text = Words(read);
        Assert.StartsWith("Care and support plan Zoë Lovelace", text);
        Assert.Contains("I want to get back to my allotment & see my friends <on Tuesdays>.", text);
        Assert.Contains("NHS number 943 476 5919", text);
        Assert.Contains("Book a carer's assessment", text);
        Assert.Contains("Page 1 of 1", text);
        Assert.Equal("Care and support plan", read.Information.Title);
    }

    [Fact]
    public void A_long_table_runs_onto_further_pages_with_its_headings_repeated_and_every_row_kept()
    {
        var pdf = DocumentPdf.Render(Sample(goals: 120));

        using var read = PdfDocument.Open(pdf);
        Assert.True(read.NumberOfPages >= 3, $"{read.NumberOfPages} pages");
        var text = Words(read);
        for (var i = 3; i <= 120; i++)
        {
            Assert.Contains($"Goal number {i} 1 March 2027 active", text);
        }

        Assert.All(read.GetPages().Skip(1), page => Assert.Contains("Goal Target date Status", Words(page.GetWords().Select(w => w.Text))));
        Assert.Contains($"Page {read.NumberOfPages} of {read.NumberOfPages}", text);
    }

    [Fact]
    public void The_html_is_one_accessible_page_with_everything_encoded()
    {
        var html = DocumentHtml.Render(Sample());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", html);
        Assert.Single(H1().Matches(html));
        Assert.Contains("<caption>Goals</caption>", html);
        Assert.Contains("<th scope=\"col\">Target date</th>", html);
        Assert.Contains("<dt>NHS number</dt><dd>943 476 5919</dd>", html);
        Assert.Contains("allotment &amp; see my friends &lt;on Tuesdays&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public void The_text_form_says_the_same()
    {
        var text = DocumentText.Render(Sample());

        Assert.StartsWith("Care and support plan\n=====================\nZoë Lovelace\n", text.Replace("\r\n", "\n"));
        Assert.Contains("NHS number: 943 476 5919", text);
        Assert.Contains("- Goal: Goal number 2: walk to the shops without help; Target date: 1 March 2027; Status: active", text);
        Assert.Contains("- Call Age UK", text);
    }

    private static string Words(UglyToad.PdfPig.PdfDocument pdf) => Words(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

    private static string Words(IEnumerable<string> words) => string.Join(' ', words);

    [GeneratedRegex("<h1>")]
    private static partial Regex H1();
}
