package dev.vernier.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the store makes a write durable: the file's data before the rename that publishes it, the
 * directory entry after. A seam so tests can see the order; the default forces both to the device.
 */
interface Syncer {

    /** The default: {@link FileChannel#force}, and a directory fsync where the platform has one. */
    Syncer DEVICE = new Syncer() {
        @Override
        public void syncFile(FileChannel channel, Path file) throws IOException {
            channel.force(true);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Windows cannot open a directory; its rename is durable through NTFS's journal
                if (!System.getProperty("os.name", "").startsWith("Windows")) {
                    throw e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
    };

    /** Forces a file's contents and metadata to the device, before it is renamed into place. */
    void syncFile(FileChannel channel, Path file) throws IOException;

    /** Forces a directory's entries (a rename into it) to the device. */
    void syncDirectory(Path dir) throws IOException;
}
