package nl.regiopool.demo;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs independent API calls a few at a time; the first failure stops the load. */
final class Parallel implements AutoCloseable {

    private final ExecutorService executor;

    Parallel(int threads) {
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "demo-load");
            thread.setDaemon(true);
            return thread;
        });
    }

    <T, R> List<R> map(List<T> items, Function<T, R> work) {
        List<Future<R>> futures = items.stream().map(item -> executor.submit(() -> work.apply(item))).toList();
        return futures.stream().map(Parallel::await).toList();
    }

    <T> void each(List<T> items, Consumer<T> work) {
        map(items, item -> {
            work.accept(item);
            return Boolean.TRUE;
        });
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The demo load was interrupted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
