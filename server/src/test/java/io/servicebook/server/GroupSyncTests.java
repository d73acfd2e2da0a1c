package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupSyncTests {

  /** Commits counted as they happen; a sync makes durable what was committed when it started. */
  private final AtomicLong committed = new AtomicLong();

  private final AtomicLong durable = new AtomicLong();
  private final AtomicInteger syncs = new AtomicInteger();

  private void sync() throws InterruptedException {
    long upTo = committed.get();
    syncs.incrementAndGet();
    Thread.sleep(1);
    durable.accumulateAndGet(upTo, Math::max);
  }

  @Test
  void everyCommitIsDurableWhenItsWaitReturnsAndWaitsShareSyncs() throws Exception {
    GroupSync group = new GroupSync();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Boolean>> waits = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      waits.add(
          pool.submit(
              () -> {
                long mine = committed.incrementAndGet();
                group.await(this::sync);
                return durable.get() >= mine;
              }));
    }
    for (Future<Boolean> wait : waits) {
      assertThat(wait.get()).as("the commit was durable when its wait returned").isTrue();
    }
    pool.shutdown();
    assertThat(syncs.get()).isBetween(1, 2_000);
  }

  @Test
  void aFailedSyncFailsItsWaitAndTheNextWaitSyncsAgain() throws Exception {
    GroupSync group = new GroupSync();
    committed.incrementAndGet();
    assertThatThrownBy(
            () ->
                group.await(
                    () -> {
                      throw new IOException("disk gone");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
    assertThat(durable.get()).isZero();
    group.await(this::sync);
    assertThat(durable.get()).isEqualTo(1);
  }
}
