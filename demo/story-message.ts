import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../src/base/clock.ts';
import { signMessage } from '../src/dkim/index.ts';

/**
 * The story's message: sent through Microsoft 365 for contoso-demo.example and signed by
 * Microsoft with s=selector1, whose key Microsoft never published. The signing key is generated
 * here and thrown away, as Microsoft's is invisible to the customer: verification fails on the
 * missing key, not on the signature. Received as Gmail would have received it.
 */
export function storyMessage(clock: Clock): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const date = new Date(clock.now()).toUTCString().replace('GMT', '+0000');
  const unsigned = [
    'Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2054.outbound.protection.outlook.com [40.107.22.54])',
    '        by mx.google.com with ESMTPS id a1si1234567wrx.12.2026.11.29',
    '        for <partner@fabrikam-demo.example>',
    `        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); ${date}`,
    'Return-Path: <bounce@contoso-demo.example>',
    'From: Megan Bowen <megan@contoso-demo.example>',
    'To: partner@fabrikam-demo.example',
    'Subject: Q4 invoice',
    `Date: ${date}`,
    'Message-ID: <AM6PR05MB1234.eurprd05.prod.outlook.com@contoso-demo.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello,',
    '',
    'please find the Q4 invoice attached.',
    '',
  ].join('\r\n');
  return signMessage(
    Buffer.from(unsigned),
    { domain: 'contoso-demo.example', selector: 'selector1', privateKey },
    { clock },
  ).message;
}
