using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>Writes log lines to the response with the optional timestamp prefix, stopping at limitBytes.</summary>
internal sealed class LogWriter(HttpResponse response, bool timestamps, long? limitBytes)
{
    private long _remaining = limitBytes ?? long.MaxValue;

    public bool Full => _remaining <= 0;

    /// <summary>Writes one line; returns false once the byte limit is reached.</summary>
    public async Task<bool> WriteAsync(DateTimeOffset time, string text, CancellationToken ct)
    {
        if (Full) return false;
        var line = timestamps ? $"{Rfc3339Nano(time)} {text}\n" : text + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        var count = (int)Math.Min(bytes.Length, _remaining);
        _remaining -= count;
        await response.Body.WriteAsync(bytes.AsMemory(0, count), ct).ConfigureAwait(false);
        return !Full;
    }

    public Task FlushAsync(CancellationToken ct) => response.Body.FlushAsync(ct);

    /// <summary>Go's time.RFC3339Nano: up to nine fractional digits, trailing zeros dropped.</summary>
    public static string Rfc3339Nano(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        var fraction = (t.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        var head = t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fraction.Length == 0 ? head + "Z" : $"{head}.{fraction}Z";
    }
}
