import express from 'express';
import type { ProtocolFactory } from '../protocol';

/** GMS Chat API v2 (wire-gms-v2.md §13). Being written: endpoints follow. */
export const gmsV2Protocol: ProtocolFactory = () => ({ id: 'gms-v2', router: express.Router() });
