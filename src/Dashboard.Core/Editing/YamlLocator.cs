using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dashboard.Core.Editing;

/// <summary>Where a field sits in YAML text (1-based); <see cref="Exact"/> is false when only an ancestor was found.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Exact">True when the whole path was found; false when the position is that of <see cref="Found"/>, its nearest ancestor present in the text.</param>
/// <param name="Found">The part of the path that exists in the text.</param>
public sealed record YamlPosition(int Line, int Column, bool Exact, string Found);

/// <summary>
/// Finds field paths (as the API server names them) in YAML text, so an error about <c>spec.replicas</c> can point at
/// the line the user typed it on. Built from YamlDotNet's parser events and their marks: no value conversion, so it
/// works on exactly the text the user sees, document by document (empty documents skipped, as when applying).
/// </summary>
public sealed class YamlLocator
{
    private readonly List<Node> _documents;

    private YamlLocator(List<Node> documents) => _documents = documents;

    /// <summary>The number of (non-empty) documents.</summary>
    public int DocumentCount => _documents.Count;

    /// <summary>The locator of <paramref name="text"/>, or null when the text is not valid YAML.</summary>
    public static YamlLocator? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = new Parser(new StringReader(text));
            var documents = new List<Node>();
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var root = Read(parser);
                parser.Consume<DocumentEnd>();
                if (root is not ScalarNode { IsEmpty: true }) documents.Add(root);
            }
            parser.Consume<StreamEnd>();
            return new YamlLocator(documents);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The line on which document <paramref name="document"/> (0-based) starts.</summary>
    public int DocumentLine(int document) => document >= 0 && document < _documents.Count ? _documents[document].Line : 1;

    /// <summary>Where <paramref name="path"/> is in document <paramref name="document"/> (0-based); null when there is no such document.</summary>
    public YamlPosition? Locate(string path, int document = 0)
    {
        if (document < 0 || document >= _documents.Count) return null;
        var node = _documents[document];
        var (line, column) = (node.Line, node.Column);
        var found = new List<FieldStep>();
        foreach (var step in FieldPath.Parse(path))
        {
            Node? next = null;
            int keyLine = 0, keyColumn = 0;
            if (step.IsIndex && node is SequenceNode seq && step.Index < seq.Items.Count)
            {
                next = seq.Items[step.Index];
                (keyLine, keyColumn) = (next.Line, next.Column);
            }
            else if (!step.IsIndex && node is MappingNode map && map.Entries.FindLast(e => e.Key == step.Key) is { } entry)
            {
                next = entry.Value;
                (keyLine, keyColumn) = (entry.Line, entry.Column);
            }
            if (next is null) return new YamlPosition(line, column, false, FieldPath.Format(found));
            found.Add(step);
            (node, line, column) = (next, keyLine, keyColumn);
        }
        return new YamlPosition(line, column, true, FieldPath.Format(found));
    }

    private static Node Read(IParser parser)
    {
        var start = parser.Current!.Start;
        if (parser.TryConsume<Scalar>(out var scalar))
            return new ScalarNode(start, scalar.Value.Length == 0 && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
        if (parser.TryConsume<AnchorAlias>(out _)) return new ScalarNode(start, false);
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var seq = new SequenceNode(start);
            while (!parser.TryConsume<SequenceEnd>(out _)) seq.Items.Add(Read(parser));
            return seq;
        }
        parser.Consume<MappingStart>();
        var map = new MappingNode(start);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var key = parser.Current is Scalar k ? k.Value : null;
            Read(parser);
            var value = Read(parser);
            if (key is not null) map.Entries.Add(new Entry(key, (int)keyStart.Line, (int)keyStart.Column, value));
        }
        return map;
    }

    private abstract class Node(Mark start)
    {
        public int Line { get; } = (int)start.Line;
        public int Column { get; } = (int)start.Column;
    }

    private sealed class ScalarNode(Mark start, bool isEmpty) : Node(start)
    {
        public bool IsEmpty { get; } = isEmpty;
    }

    private sealed class SequenceNode(Mark start) : Node(start)
    {
        public List<Node> Items { get; } = [];
    }

    private sealed record Entry(string Key, int Line, int Column, Node Value);

    private sealed class MappingNode(Mark start) : Node(start)
    {
        public List<Entry> Entries { get; } = [];
    }
}
