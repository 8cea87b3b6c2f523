namespace CareMesh.Documents;

/// <summary>
/// A document as CareMesh writes them: a title, optional lines under it, and blocks in reading
/// order. Built by a feature from its own data, then rendered by <see cref="DocumentHtml"/>,
/// <see cref="DocumentPdf"/> or <see cref="DocumentText"/>, so the three forms always say the same.
/// </summary>
public sealed record Document(string Title, IReadOnlyList<Block> Blocks)
{
    /// <summary>Lines under the title: who it is for, what it is, when it was made.</summary>
    public IReadOnlyList<string> Subtitle { get; init; } = [];

    /// <summary>The line at the foot of every page (PDF) or of the page (HTML): e.g. "Confidential: contains personal information".</summary>
    public string? Footer { get; init; }

    public string Language { get; init; } = "en-GB";
}

public abstract record Block;

/// <summary>A heading; level 2 for sections, 3 within them (the title is level 1).</summary>
public sealed record Heading(string Text, int Level = 2) : Block;

public sealed record Paragraph(string Text) : Block;

/// <summary>Key–value rows, as the NHS summary list: "Date of birth — 10 December 1950".</summary>
public sealed record SummaryList(IReadOnlyList<SummaryRow> Rows) : Block;

public sealed record SummaryRow(string Key, string Value);

/// <summary>A table with a caption and column headings; every row has one cell per heading.</summary>
public sealed record Table(string Caption, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Rows) : Block
{
    /// <summary>Each column's share of the page's width in the PDF (they are scaled to add up to 1); equal when not given.</summary>
    public IReadOnlyList<double>? Widths { get; init; }
}

public sealed record BulletList(IReadOnlyList<string> Items) : Block;

/// <summary>Starts a new page in the PDF (and a print page break in HTML).</summary>
public sealed record PageBreak : Block;
