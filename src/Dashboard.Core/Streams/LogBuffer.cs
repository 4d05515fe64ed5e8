using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Dashboard.Core.Streams;

/// <summary>
/// The unread lines of one session: a ring of fixed capacity between the log streams (producers) and the reader.
/// Writers never wait: when the reader falls behind and the ring is full, the oldest unread line is overwritten and
/// counted, and the reader's next batch starts with a <see cref="LogStatus.Dropped"/> line at exactly that place
/// (the dropped lines are the ones right before the oldest line still held).
/// </summary>
internal sealed class LogBuffer
{
    private readonly object _gate = new();
    private readonly LogLine[] _ring;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _head;
    private int _count;
    private long _dropped;
    private long _droppedTotal;
    private bool _completed;

    public LogBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new LogLine[capacity];
    }

    /// <summary>Lines dropped since the session began.</summary>
    public long DroppedTotal { get { lock (_gate) return _droppedTotal; } }

    /// <summary>Lines waiting for the reader.</summary>
    public int Pending { get { lock (_gate) return _count; } }

    public void Write(LogLine line)
    {
        lock (_gate)
        {
            if (_completed) return;
            if (_count == _ring.Length)
            {
                _ring[_head] = line;
                _head = (_head + 1) % _ring.Length;
                _dropped++;
                _droppedTotal++;
            }
            else
            {
                _ring[(_head + _count) % _ring.Length] = line;
                _count++;
            }
        }
        _signal.Writer.TryWrite(true);
    }

    /// <summary>No more lines: the reader gets what is pending, then its enumeration ends.</summary>
    public void Complete()
    {
        lock (_gate) _completed = true;
        _signal.Writer.TryComplete();
    }

    /// <summary>Everything pending in batches of at most <paramref name="maxBatch"/> lines, until completed.</summary>
    public async IAsyncEnumerable<IReadOnlyList<LogLine>> ReadAllAsync(int maxBatch, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            var batch = Take(maxBatch);
            if (batch.Count > 0)
            {
                yield return batch;
                continue;
            }
            if (!await _signal.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                var rest = Take(int.MaxValue);
                if (rest.Count > 0) yield return rest;
                yield break;
            }
            _signal.Reader.TryRead(out _);
        }
    }

    private List<LogLine> Take(int max)
    {
        lock (_gate)
        {
            var n = Math.Min(max, _count);
            var batch = new List<LogLine>(n + (_dropped > 0 ? 1 : 0));
            if (_dropped > 0)
            {
                batch.Add(LogLine.ForStatus(null, LogStatus.Dropped, count: _dropped));
                _dropped = 0;
            }
            for (var i = 0; i < n; i++)
            {
                batch.Add(_ring[_head]);
                _ring[_head] = null!;
                _head = (_head + 1) % _ring.Length;
            }
            _count -= n;
            return batch;
        }
    }
}
