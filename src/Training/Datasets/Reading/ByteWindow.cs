using System.Security.Cryptography;

namespace Forgetless.Training.Datasets.Reading;

/// <summary>
/// The unread bytes of a stream, [Start, End) of one growable buffer. Every byte read is also hashed, so the
/// file's SHA-256 costs no second pass. Splitters never ask for more than one row's worth, so memory stays
/// bounded by the row size limit.
/// </summary>
internal sealed class ByteWindow(Stream stream, IncrementalHash hash)
{
    private const int ChunkBytes = 64 * 1024;
    private byte[] _buffer = new byte[ChunkBytes];
    private int _start;
    private int _end;

    public bool EndOfStream { get; private set; }

    public int Available => _end - _start;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Bytes from the window's start; valid until the next fill.</summary>
    public ReadOnlyMemory<byte> Memory(int length) => _buffer.AsMemory(_start, length);

    public void Advance(int count) => _start += count;

    public void DropAll() => _start = _end;

    public bool Fill()
    {
        MakeRoom();
        return Appended(stream.Read(_buffer, _end, _buffer.Length - _end));
    }

    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        MakeRoom();
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        return Appended(read);
    }

    private bool Appended(int read)
    {
        if (read == 0)
        {
            EndOfStream = true;
            return false;
        }
        hash.AppendData(_buffer, _end, read);
        _end += read;
        return true;
    }

    private void MakeRoom()
    {
        if (_buffer.Length - _end >= ChunkBytes / 4)
        {
            return;
        }
        var unread = _end - _start;
        if (unread + ChunkBytes > _buffer.Length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, unread + ChunkBytes)];
            Buffer.BlockCopy(_buffer, _start, larger, 0, unread);
            _buffer = larger;
        }
        else
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        }
        (_start, _end) = (0, unread);
    }
}
