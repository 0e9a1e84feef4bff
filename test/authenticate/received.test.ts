import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionFacts } from '../../src/authenticate/index.ts';
import { fieldValue, parseMessage } from '../../src/mail/index.ts';
import { parseReceived } from '../../src/mail/received.ts';
import { corporaDir } from '../helpers/corpora.ts';

describe('parseReceived (RFC 5321 4.4) on the formats MTAs write', () => {
  it('Postfix: from helo (rdns [ip]) by host (Postfix) with ESMTPS id ... for <rcpt>; date', () => {
    const r = parseReceived(
      'from mail.example.com (mail-out.example.com [192.0.2.10])\r\n\tby mx.example.net (Postfix) with ESMTPS id 4VfK2x1YzTz9sWm\r\n\tfor <ann@example.net>; Tue, 14 May 2024 09:30:11 +0000 (UTC)',
    );
    expect(r).toMatchObject({
      from: 'mail.example.com',
      helo: 'mail.example.com',
      reverseName: 'mail-out.example.com',
      fromIp: '192.0.2.10',
      by: 'mx.example.net',
      byComment: 'Postfix',
      with: 'ESMTPS',
      id: '4VfK2x1YzTz9sWm',
      for: 'ann@example.net',
      date: 'Tue, 14 May 2024 09:30:11 +0000 (UTC)',
    });
  });

  it('Exim: from rdns ([ip] helo=name) with envelope-from', () => {
    const r = parseReceived(
      'from host.example.org ([198.51.100.3] helo=smtp.example.org) by mx.example.net with esmtps (TLS1.3) (Exim 4.96) (envelope-from <bounce@example.org>) id 1s6qXz-0003Ab-2C for dan@example.net; Tue, 14 May 2024 10:00:00 +0000',
    );
    expect(r).toMatchObject({
      fromIp: '198.51.100.3',
      helo: 'smtp.example.org',
      by: 'mx.example.net',
      with: 'esmtps',
      envelopeFrom: 'bounce@example.org',
      id: '1s6qXz-0003Ab-2C',
    });
  });

  it('Gmail: a dotted rDNS name and the TLS comment; the internal hop has no from clause', () => {
    const r = parseReceived(
      'from mail.example.com (mail.example.com. [192.0.2.10]) by mx.google.com with ESMTPS id a640c23a62f3a-a5a1781c1c1si123456866b.312.2024.05.14.02.30.12 for <ann@gmail.example> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 14 May 2024 02:30:12 -0700 (PDT)',
    );
    expect(r).toMatchObject({
      fromIp: '192.0.2.10',
      reverseName: 'mail.example.com',
      by: 'mx.google.com',
    });
    const internal = parseReceived(
      'by 2002:a05:6a10:a0d1:b0:4c2:9e1f:1a2b with SMTP id i17csp412345pxv; Tue, 14 May 2024 02:30:13 -0700 (PDT)',
    );
    expect(internal).toMatchObject({
      from: null,
      fromIp: null,
      by: '2002:a05:6a10:a0d1:b0:4c2:9e1f:1a2b',
      with: 'SMTP',
    });
  });

  it('Microsoft 365: a bare IP in parentheses and a several-word protocol', () => {
    const r = parseReceived(
      'from relay.tailspin.example (203.0.113.7) by BN8NAM12FT062.mail.protection.outlook.example (10.13.182.101) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7587.21 via Frontend Transport; Tue, 14 May 2024 10:02:33 +0000',
    );
    expect(r).toMatchObject({
      helo: 'relay.tailspin.example',
      fromIp: '203.0.113.7',
      with: 'Microsoft SMTP Server',
      id: '15.20.7587.21',
      via: 'Frontend',
    });
  });

  it('address literals, IPv6 literals and unknown rDNS', () => {
    expect(
      parseReceived('from [192.0.2.1] by mx.example.net; Mon, 1 Jan 2024 00:00:00 +0000'),
    ).toMatchObject({
      fromIp: '192.0.2.1',
      helo: null,
    });
    expect(
      parseReceived(
        'from client.example (unknown [IPv6:2001:db8::25]) by mx.example.net with ESMTP; x',
      ),
    ).toMatchObject({ fromIp: '2001:db8::25', reverseName: null, helo: 'client.example' });
  });

  it('never throws on garbage', () => {
    for (const junk of ['', ';', '((((', 'from', 'from (', 'by by by', 'x'.repeat(20000)]) {
      expect(() => parseReceived(junk)).not.toThrow();
    }
  });
});

describe('connectionFacts: the receiving hop', () => {
  it('given facts win; missing ones come from the header', () => {
    const msg = parseMessage(
      Buffer.from(
        'Return-Path: <a@example.org>\r\nReceived: from mx.example.org (mx.example.org [198.51.100.9]) by mx.example.net; x\r\nFrom: a@example.org\r\n\r\nhi\r\n',
      ),
    );
    const facts = connectionFacts(msg, { ip: '192.0.2.1' });
    expect(facts).toMatchObject({
      ip: '192.0.2.1',
      helo: 'mx.example.org',
      mailFrom: 'a@example.org',
      source: { ip: 'option', helo: 'received', mailFrom: 'return-path' },
    });
  });

  it('skips internal hops (private addresses, HTTPS hand-offs) and takes the organisation boundary', () => {
    const msg = parseMessage(
      Buffer.from(
        [
          'Received: from app1.example.net (10.1.2.3) by store.example.net with LMTP; x',
          'Received: from edge.example.net (edge.example.net [198.51.100.1]) by app1.example.net with HTTPS; x',
          'Received: from mail.example.org (mail.example.org [192.0.2.77]) by edge.example.net with ESMTPS; x',
          'From: a@example.org',
          '',
          'hi',
        ].join('\r\n'),
      ),
    );
    const facts = connectionFacts(msg, {});
    expect(facts.ip).toBe('192.0.2.77');
    expect(facts.received).toMatchObject({ hop: 3, by: 'edge.example.net' });
    expect(facts.source.mailFrom).toBe('none');
  });

  it('a message without any SMTP client hop leaves the facts unknown', () => {
    const facts = connectionFacts(
      parseMessage(Buffer.from('From: a@example.org\r\n\r\nhi\r\n')),
      {},
    );
    expect(facts).toMatchObject({ ip: null, helo: null, mailFrom: null });
  });

  it("real Gmail messages: the hop chosen is the one whose IP Gmail's Received-SPF names", () => {
    const dir = corporaDir('dkim-mailauth/fixtures');
    if (!dir) return;
    let checked = 0;
    let agreed = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const msg = parseMessage(readFileSync(path.join(dir, file)));
      for (const field of msg.getAll('received'))
        expect(() => parseReceived(fieldValue(field))).not.toThrow();
      const spf = msg.getAll('received-spf')[0];
      const named = spf ? /client-ip=([0-9a-f.:]+)/i.exec(fieldValue(spf))?.[1] : undefined;
      if (!named) continue;
      checked++;
      if (connectionFacts(msg, {}).ip === named) agreed++;
    }
    console.log(
      `mailauth real messages, receiving hop = Received-SPF client-ip: ${agreed}/${checked}`,
    );
    expect(checked).toBeGreaterThan(5);
    expect(agreed).toBe(checked);
  });
});

describe("connectionFacts without the receiver's hints", () => {
  it('Microsoft 365: internal outlook hops are skipped by the organisation boundary', async () => {
    const { fixture } = await import('./world.ts');
    const raw = fixture('m365-woodgrove-quarantine.eml').toString('latin1');
    const stripped = raw.replace(
      /^(Received-SPF|Authentication-Results):.*(\r\n[ \t].*)*\r\n/gim,
      '',
    );
    expect(stripped).not.toMatch(/^(Authentication-Results|Received-SPF):/m);
    const facts = connectionFacts(parseMessage(Buffer.from(stripped, 'latin1')), {});
    expect(facts.ip).toBe('203.0.113.7');
    expect(facts.helo).toBe('relay.tailspin.example');
    expect(facts.received?.why).toMatch(/outside outlook\.com/);
  });
});
