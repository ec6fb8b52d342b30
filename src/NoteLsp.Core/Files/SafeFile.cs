using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NoteLsp.Core.Files;

/// <summary>What <see cref="SafeFile.Read"/> found: the bytes, or why there are none (in words a person understands).</summary>
/// <param name="Bytes">the file's content; null when it was not read</param>
/// <param name="Length">the size found (for a file over the limit, how big it is)</param>
/// <param name="Problem">why the file was not read; null when it was</param>
/// <param name="IsMissing">the file (or a folder on its path) does not exist</param>
/// <param name="IsTooBig">the file is bigger than the limit</param>
public sealed record SafeFileRead(byte[]? Bytes, long Length, string? Problem, bool IsMissing = false, bool IsTooBig = false)
{
    public bool Succeeded => Bytes is not null;
}

/// <summary>
/// The one way NoteLsp reads a file of a vault (notes, the config). A vault is untrusted: a note may be a FIFO
/// (opening it the usual way blocks forever), a link to <c>/dev/zero</c> (reading it never ends), or be swapped for a
/// link out of the vault between a check of its path and its opening. So the file is opened first, without ever
/// blocking, and then what was opened is checked: a regular file, no bigger than the limit, whose real path
/// (that of the open handle, not of the name) lies inside the allowed folder. Then at most limit + 1 bytes are read.
/// </summary>
public static class SafeFile
{
    /// <summary>Reads fullPath. allowedRealRoot (already free of links) confines where the opened file may really be; null allows anywhere.</summary>
    public static SafeFileRead Read(string fullPath, string? allowedRealRoot, long maxBytes)
    {
        try
        {
            return OperatingSystem.IsWindows() ? ReadWindows(fullPath, allowedRealRoot, maxBytes) : ReadUnix(fullPath, allowedRealRoot, maxBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Missing();
        }
        catch (UnauthorizedAccessException)
        {
            return new SafeFileRead(null, 0, "could not be read: permission denied");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return new SafeFileRead(null, 0, "could not be read: " + e.Message);
        }
    }

    /// <summary>
    /// Whether the path itself is a symbolic link (an lstat: its folders are followed, the last name is not); null when
    /// this cannot tell (nothing there, no such call on this system, Windows), for the caller to ask .NET instead. One
    /// system call and nothing allocated: the edit guard asks it of every note a rename edits (79,000 for the most-linked
    /// of 100,000 notes), where a <see cref="FileInfo"/> cost an object, a normalized full path and a readlink each.
    /// </summary>
    public static bool? IsSymbolicLink(string fullPath)
    {
        // libc would stop at a NUL and look at another file than the one named.
        if (OperatingSystem.IsWindows() || fullPath.Contains('\0')) return null;
        try
        {
            return Native.TryStatPath(fullPath, out var status) ? status.IsSymbolicLink : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The real path (links resolved) of a vault root, to pass to <see cref="Read"/>; the root as given when it cannot be resolved.</summary>
    public static string RealRoot(string root)
    {
        try
        {
            var full = Path.GetFullPath(root);
            return RealPath.Resolve(full) ?? full;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return root;
        }
    }

    private static SafeFileRead Missing() => new(null, 0, "could not be read: the file no longer exists", IsMissing: true);

    private static SafeFileRead NotRegular(string what) => new(null, 0, $"skipped: it is {what}, not a regular file");

    private static SafeFileRead Outside() => new(null, 0, "skipped: its real path (through a symbolic link) lies outside the vault");

    private static SafeFileRead TooBig(long length, long max) => new(null, length, VaultEnumerator.TooBigMessage(length, max), IsTooBig: true);

    private static SafeFileRead ReadUnix(string fullPath, string? allowedRealRoot, long maxBytes)
    {
        // libc would stop at a NUL (a `%00` in a URI) and open another file than the one named.
        if (fullPath.Contains('\0')) return new SafeFileRead(null, 0, "could not be read: the path holds a NUL character");
        // No O_NOFOLLOW: a link to a note elsewhere in the vault is a note (docs/notes-format.md §1); where the opened
        // file really is gets checked on the handle below, which no swap of the name after this call can fool.
        // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
        // O_NOCTTY: a terminal device named like a note must not become our controlling terminal.
        var fd = Native.Open(fullPath, Native.OpenReadFlags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Native.ENOENT or Native.ENOTDIR) return Missing();
            if (errno is Native.EACCES or Native.EPERM) return new SafeFileRead(null, 0, "could not be read: permission denied");
            if (errno == Native.ELOOP) return new SafeFileRead(null, 0, "not followed: the symbolic link loops");
            return new SafeFileRead(null, 0, $"could not be read: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        Native.FileStatus status;
        try
        {
            if (!Native.TryStat(handle, out status)) return new SafeFileRead(null, 0, "could not be read: its type cannot be determined");
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28): a pipe or socket cannot seek, so it is refused; a seekable
            // device is still read no further than limit + 1 bytes below.
            using var probe = new FileStream(new SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, 1);
            if (!probe.CanSeek) return NotRegular("a named pipe, a socket or a device");
            status = new Native.FileStatus(0x8000, RandomAccess.GetLength(handle), 0, 0);
        }
        if (!status.IsRegular) return NotRegular(status.Describe());
        if (allowedRealRoot is not null && !IsInside(handle, fd, status, allowedRealRoot, fullPath)) return Outside();
        if (status.Size > maxBytes) return TooBig(status.Size, maxBytes);
        return ReadBounded(handle, status.Size, maxBytes, UnixRead);
    }

    /// <summary>Where the open handle really is: the kernel's own answer on Linux, else the resolved name checked to be the same file.</summary>
    private static bool IsInside(SafeFileHandle handle, int fd, Native.FileStatus status, string allowedRealRoot, string fullPath)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (new FileInfo($"/proc/self/fd/{fd}").LinkTarget is { } opened && opened.StartsWith('/'))
                {
                    return RealPath.IsInside(opened, allowedRealRoot);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No /proc: fall through to the portable check.
            }
        }
        // The name's real path must be inside and name the very file that is open (same device and inode), so a
        // link swapped in after the open cannot pass for the file that was opened.
        var real = RealPath.Resolve(fullPath);
        if (real is null || !RealPath.IsInside(real, allowedRealRoot)) return false;
        return Native.TryStatPath(real, out var named) && named.Device == status.Device && named.Inode == status.Inode;
    }

    /// <summary>Reads into the span from the offset; returns how many bytes were read, 0 at the end.</summary>
    private delegate int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset);

    private static readonly ReadAt HandleRead = RandomAccess.Read;
    private static readonly ReadAt UnixRead = Environment.Is64BitProcess ? Native.PRead : HandleRead;

    private static SafeFileRead ReadBounded(SafeFileHandle handle, long size, long maxBytes, ReadAt read)
    {
        // Read what fstat announced, then look for more: a file that grows while read is still cut at limit + 1.
        var buffer = new byte[(int)Math.Min(size, maxBytes)];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var count = read(handle, buffer.AsSpan(filled), filled);
            if (count == 0) return new SafeFileRead(buffer[..filled], filled, null); // shrank while reading
            filled += count;
        }
        // The usual case, a file that did not grow: one byte read on the stack says so, without the 16 KB chunk and
        // stream below (which cost more garbage than a typical note's own bytes while a vault is read).
        Span<byte> probe = stackalloc byte[1];
        if (read(handle, probe, filled) == 0) return new SafeFileRead(buffer, buffer.Length, null);
        var extra = new MemoryStream();
        var chunk = new byte[16384];
        long offset = filled;
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, maxBytes + 1 - offset);
            if (want <= 0) return TooBig(offset, maxBytes);
            var count = read(handle, chunk.AsSpan(0, want), offset);
            if (count == 0) break;
            extra.Write(chunk, 0, count);
            offset += count;
        }
        if (extra.Length == 0) return new SafeFileRead(buffer, buffer.Length, null);
        return new SafeFileRead([.. buffer, .. extra.ToArray()], offset, null);
    }

    private static SafeFileRead ReadWindows(string fullPath, string? allowedRealRoot, long maxBytes)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists) return Directory.Exists(fullPath) ? NotRegular("a folder") : Missing();
        if (allowedRealRoot is not null && (RealPath.Resolve(fullPath) is not { } real || !RealPath.IsInside(real, allowedRealRoot))) return Outside();
        // Share everything: an editor may be saving the file right now.
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if ((File.GetAttributes(handle) & FileAttributes.Directory) != 0) return NotRegular("a folder");
        var size = RandomAccess.GetLength(handle);
        if (size > maxBytes) return TooBig(size, maxBytes);
        return ReadBounded(handle, size, maxBytes, HandleRead);
    }

    /// <summary>libc calls: open without blocking, and the type, size and identity of what was opened.</summary>
    private static class Native
    {
        public const int EPERM = 1, ENOENT = 2, EACCES = 13, ENOTDIR = 20;
        public static int ELOOP => OperatingSystem.IsLinux() ? 40 : 62;

        // The flag values differ between Linux (the same on x64 and arm64 for these three) and the BSDs/macOS.
        public static int OpenReadFlags => OperatingSystem.IsLinux()
            ? 0x800 /* O_NONBLOCK */ | 0x100 /* O_NOCTTY */ | 0x80000 /* O_CLOEXEC */
            : 0x4 /* O_NONBLOCK */ | 0x20000 /* O_NOCTTY */ | 0x1000000 /* O_CLOEXEC */;

        private const int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFDIR = 0x4000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFSOCK = 0xC000;

        public readonly record struct FileStatus(int Mode, long Size, ulong Device, ulong Inode)
        {
            public bool IsRegular => (Mode & S_IFMT) == S_IFREG;

            public bool IsSymbolicLink => (Mode & S_IFMT) == S_IFLNK;

            public string Describe() => (Mode & S_IFMT) switch
            {
                S_IFDIR => "a folder",
                S_IFIFO => "a named pipe (FIFO)",
                S_IFCHR => "a character device",
                S_IFBLK => "a block device",
                S_IFSOCK => "a socket",
                _ => "a special file",
            };
        }

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int OpenRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        public static int Open(string path, int flags)
        {
            int fd;
            do fd = OpenRaw(path, flags);
            while (fd < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */);
            return fd;
        }

        [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
        private static extern unsafe nint PReadRaw(SafeFileHandle fd, byte* buffer, nuint count, long offset);

        /// <summary>
        /// pread(2) on a 64-bit process (off_t is 64 bits on Linux and macOS there). RandomAccess.Read first asks the
        /// handle whether it can seek, and a handle made from our own open answers with an lseek: one more system call
        /// per note, 0.45 s of CPU in a cold scan of 100,000 notes.
        /// </summary>
        public static unsafe int PRead(SafeFileHandle handle, Span<byte> buffer, long offset)
        {
            fixed (byte* start = buffer)
            {
                nint read;
                do read = PReadRaw(handle, start, (nuint)buffer.Length, offset);
                while (read < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */);
                return read >= 0 ? (int)read : throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
            }
        }

        // Linux: statx has one layout on every architecture (struct stat does not).
        private const int AT_FDCWD = -100, AT_EMPTY_PATH = 0x1000, AT_SYMLINK_NOFOLLOW = 0x100, STATX_BASIC_STATS = 0x7FF;

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern unsafe int StatxFd(SafeFileHandle dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern unsafe int StatxPath(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);

        // macOS: struct stat with 64-bit inodes; x64 names that variant fstat$INODE64, arm64 has only it.
        [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
        private static extern unsafe int FStatArm(SafeFileHandle fd, byte* buffer);

        [DllImport("libc", EntryPoint = "fstat$INODE64", SetLastError = true)]
        private static extern unsafe int FStatX64(SafeFileHandle fd, byte* buffer);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern unsafe int LStatArm([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
        private static extern unsafe int LStatX64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        public static unsafe bool TryStat(SafeFileHandle handle, out FileStatus status)
        {
            var buffer = stackalloc byte[512];
            if (OperatingSystem.IsLinux())
            {
                var ok = StatxFd(handle, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buffer) == 0;
                status = ok ? FromStatx(buffer) : default;
                return ok;
            }
            if (OperatingSystem.IsMacOS())
            {
                var ok = (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? FStatX64(handle, buffer) : FStatArm(handle, buffer)) == 0;
                status = ok ? FromDarwinStat(buffer) : default;
                return ok;
            }
            status = default;
            return false;
        }

        public static unsafe bool TryStatPath(string path, out FileStatus status)
        {
            var buffer = stackalloc byte[512];
            if (OperatingSystem.IsLinux())
            {
                var ok = StatxPath(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) == 0;
                status = ok ? FromStatx(buffer) : default;
                return ok;
            }
            if (OperatingSystem.IsMacOS())
            {
                var ok = (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? LStatX64(path, buffer) : LStatArm(path, buffer)) == 0;
                status = ok ? FromDarwinStat(buffer) : default;
                return ok;
            }
            status = default;
            return false;
        }

        // struct statx: stx_mode u16 @28, stx_ino u64 @32, stx_size u64 @40, stx_dev_major u32 @136, stx_dev_minor u32 @140.
        private static unsafe FileStatus FromStatx(byte* b) =>
            new(*(ushort*)(b + 28), *(long*)(b + 40), ((ulong)*(uint*)(b + 136) << 32) | *(uint*)(b + 140), *(ulong*)(b + 32));

        // Darwin struct stat (64-bit inodes): st_dev i32 @0, st_mode u16 @4, st_ino u64 @8, st_size i64 @96.
        private static unsafe FileStatus FromDarwinStat(byte* b) =>
            new(*(ushort*)(b + 4), *(long*)(b + 96), (ulong)*(uint*)b, *(ulong*)(b + 8));
    }
}
