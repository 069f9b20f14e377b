import type { IncomingMessage, ServerResponse } from "node:http";

export const PEER_ADDRESS_HEADER: "x-tessera-peer-address";
export const REQUEST_TARGET_HEADER: "x-tessera-request-target";
export const GATE_INSTALLED: unique symbol;
export function socketPeerAddress(remoteAddress: string | undefined): string;
export function writePrivateHeaders(request: IncomingMessage): void;
export function isRewrittenApiTarget(target: string): boolean;
export function refuse(response: ServerResponse): void;
