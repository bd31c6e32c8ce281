import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, createContextKey, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { createGateway, startTracing } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { createAdapters, loadConfig } from './server-config.js';

/** Tracing off (the default): no provider, context manager or propagator is registered, no span is made. */
let lcd: FakeLcd;
beforeAll(async () => {
  lcd = await startFakeLcd({ base: SYNTERNET_GENESIS_STATE });
});
afterAll(() => lcd?.close());

/** Whether anything OpenTelemetry registers globally is in place. */
function globallyRegistered() {
  const key = createContextKey('probe');
  return {
    // A registered provider gives recording spans; the no-op one never does.
    recordingSpans: trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording(),
    // A registered context manager makes a context active inside `with`; the no-op one does not.
    contextManager: context.with(ROOT_CONTEXT.setValue(key, 1), () => context.active().getValue(key)) === 1,
    propagatorFields: propagation.fields(),
  };
}

const NOTHING = { recordingSpans: false, contextManager: false, propagatorFields: [] };

describe('tracing off', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: startTracing returns null and registers nothing', async () => {
    const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'tokenomics-tracing-off-')), env: {} });
    expect(config.tracing).toEqual({ endpoint: null, serviceName: 'tokenomics-gateway' });
    expect(await startTracing(config.tracing)).toBeNull();
    expect(await startTracing()).toBeNull();
    expect(globallyRegistered()).toEqual(NOTHING);
  });

  it('serves a live request without registering anything or making a span', async () => {
    const config = loadConfig({
      cwd: mkdtempSync(join(tmpdir(), 'tokenomics-tracing-off-')),
      env: { SYNTERNET_LCD_URL: lcd.url },
    });
    const adapters = (await createAdapters(config)).filter((adapter) => adapter.id === 'synternet');
    const gateway = createGateway({ adapters, drainGraceMs: 0, logger: pino({ level: 'silent' }) });
    // The adapters are served as they are (no tracing proxy around them).
    expect(gateway.protocols[0]?.supply).toBeTypeOf('function');
    const served = await serveOnLoopback(gateway);
    try {
      const { status, body } = await served.post('{ protocol(id: "synternet") { supply { total } } }');
      expect(status).toBe(200);
      expect(body.data.protocol.supply.total).toMatch(/^\d+(\.\d+)?$/);
      expect(Object.values(lcd.requestCounts()).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      expect(globallyRegistered()).toEqual(NOTHING);
    } finally {
      await served.close();
    }
  });

  it('takes the endpoint and service name from the environment, validated', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tokenomics-tracing-off-'));
    expect(
      loadConfig({
        cwd,
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'gw-eu' },
      }).tracing,
    ).toEqual({ endpoint: 'http://collector:4318', serviceName: 'gw-eu' });
    expect(() => loadConfig({ cwd, env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' } })).toThrow(
      /tracing\.endpoint must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});
