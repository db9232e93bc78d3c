using System.Text;

namespace CreatorStream.Host.Tests.Web;

/// <summary>A strict RFC 4180 reader for the tests (CRLF records, quoted fields with doubled quotes), independent of the writer.</summary>
internal static class CsvParser
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 1 : 0; // a doubled quote is one quote
                }

                i++;
                Assert.True(i == text.Length || text[i] is ',' or '\r', $"text after a closing quote at {i}");
                continue;
            }

            if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]); // a bare LF ends nothing in RFC 4180 and must have been quoted
                Assert.NotEqual('"', text[i]);
                field.Append(text[i++]);
            }
        }

        Assert.True(record.Count == 0 && field.Length == 0, "the last record must end with CRLF");
        return records;
    }
}
