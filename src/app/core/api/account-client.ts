import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { ApiEnvelope, unwrapEnvelope } from './api-envelope';

/** The signed-in user's account, as the panel uses it. */
export interface Account {
  readonly name: string;
  readonly email: string;
  readonly memberSince: Date;
  readonly twoFactorEnabled: boolean;
  readonly recoveryCodesLeft: number;
}

/** The wire shape of `GET /api/account`; exported only for a feature that sends its own headers. */
export interface AccountDto {
  id: number;
  name: string;
  email: string;
  twoFactorEnabled: boolean;
  recoveryCodesLeft: number;
  createdAt: string;
}

/** The one mapping of `GET /api/account` to the panel's `Account`. */
export function toAccount(dto: AccountDto): Account {
  return {
    name: dto.name,
    email: dto.email,
    memberSince: new Date(dto.createdAt),
    twoFactorEnabled: dto.twoFactorEnabled,
    recoveryCodesLeft: dto.recoveryCodesLeft,
  };
}

/**
 * Reads the account (`GET /api/account`). Features that change it (two-factor, password) keep
 * their own writes; what more than one of them reads is mapped here, once.
 */
@Injectable({ providedIn: 'root' })
export class AccountClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(RUNTIME_CONFIG).apiBaseUrl}/account`;

  get(): Observable<Account> {
    return this.http
      .get<ApiEnvelope<AccountDto>>(this.url)
      .pipe(map(unwrapEnvelope), map(toAccount));
  }
}
