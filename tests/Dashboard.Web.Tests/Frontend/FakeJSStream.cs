using System.Text;
using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Frontend;

/// <summary>What the browser returns for a Uint8Array read as a stream (IJSStreamReference), here from a string.</summary>
internal sealed class FakeJSStream(string text) : IJSStreamReference
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    public long Length => _bytes.Length;

    public long? MaxAllowedSize { get; private set; }

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
    {
        MaxAllowedSize = maxAllowedSize;
        if (_bytes.Length > maxAllowedSize) throw new ArgumentOutOfRangeException(nameof(maxAllowedSize));
        return ValueTask.FromResult<Stream>(new MemoryStream(_bytes));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
