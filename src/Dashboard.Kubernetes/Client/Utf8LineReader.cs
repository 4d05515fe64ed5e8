namespace Dashboard.Kubernetes.Client;

/// <summary>
/// Splits a stream into newline-terminated UTF-8 lines without decoding them to strings: watch events are parsed from
/// the bytes directly, which halves what each event allocates.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int initialSize = 16 * 1024)
{
    private byte[] _buffer = new byte[initialSize];
    private int _start;
    private int _end;

    /// <summary>The next line without its terminator, valid until the next call; null at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken ct)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                return line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
            }
            scanFrom = _end;
            if (_start > 0)
            {
                // Move the partial line to the front before reading more.
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                scanFrom -= _start;
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start) return null;
                var rest = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return rest;
            }
            _end += read;
        }
    }
}
