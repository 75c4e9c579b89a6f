package nl.regiopool.client.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import nl.regiopool.client.ApiException;

/**
 * Every item of a cursor-paged list, page after page, fetched as the stream is read:
 *
 * <pre>{@code
 * Pages.all(cursor -> loanAgreements.listLoanIns(memberId, null, 200, cursor),
 *         LoanAgreementList::getData, LoanAgreementList::getNextCursor)
 *     .forEach(agreement -> ...);
 * }</pre>
 */
public final class Pages {

    /** Fetches the page that starts at the cursor (null: the first page). */
    @FunctionalInterface
    public interface PageFetcher<P> {
        P fetch(String cursor) throws ApiException;
    }

    /** An API error met while fetching a later page, thrown from the stream. */
    public static final class PageException extends RuntimeException {
        PageException(ApiException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized ApiException getCause() {
            return (ApiException) super.getCause();
        }
    }

    private Pages() {
    }

    public static <P, T> Stream<T> all(PageFetcher<P> fetcher, Function<P, List<T>> data, Function<P, String> next) {
        Iterator<T> items = new Iterator<>() {
            private Iterator<T> page = List.<T>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    P fetched;
                    try {
                        fetched = fetcher.fetch(cursor);
                    } catch (ApiException e) {
                        throw new PageException(e);
                    }
                    page = data.apply(fetched).iterator();
                    cursor = next.apply(fetched);
                    last = cursor == null;
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED), false);
    }
}
