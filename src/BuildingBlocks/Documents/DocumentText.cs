using System.Text;

namespace CareMesh.Documents;

/// <summary>A document as plain text (for email bodies and systems that take nothing else): headings underlined, lists indented.</summary>
public static class DocumentText
{
    public static string Render(Document document)
    {
        var text = new StringBuilder();
        text.AppendLine(document.Title).AppendLine(new string('=', document.Title.Length));
        foreach (var line in document.Subtitle)
        {
            text.AppendLine(line);
        }

        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading heading:
                    text.AppendLine().AppendLine(heading.Text).AppendLine(new string(heading.Level <= 2 ? '-' : '~', heading.Text.Length));
                    break;
                case Paragraph paragraph:
                    text.AppendLine().AppendLine(paragraph.Text);
                    break;
                case SummaryList list:
                    text.AppendLine();
                    foreach (var row in list.Rows)
                    {
                        text.AppendLine($"{row.Key}: {row.Value}");
                    }

                    break;
                case Table table:
                    text.AppendLine().AppendLine(table.Caption);
                    foreach (var row in table.Rows)
                    {
                        text.AppendLine("- " + string.Join("; ", table.Headings.Zip(row, (heading, cell) => $"{heading}: {cell}")));
                    }

                    break;
                case BulletList bullets:
                    text.AppendLine();
                    foreach (var item in bullets.Items)
                    {
                        text.AppendLine($"- {item}");
                    }

                    break;
            }
        }

        if (document.Footer is { } footer)
        {
            text.AppendLine().AppendLine(footer);
        }

        return text.ToString();
    }
}
