/**
 * PostGraphile 5 declares Node >= 22 and calls Promise.withResolvers (Node 22). The
 * project runs on Node 20.19+, so the benchmark's peer server loads this first
 * (`node -r ./bench/peer/polyfill.cjs ...`). Only the peer process gets it.
 */
'use strict';
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
