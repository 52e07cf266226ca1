import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Config } from '../config';
import type { ApplicationStatus } from '../core/application/lifecycle';
import { AppError } from '../core/errors';
import { ErrorBody } from '../contracts/common.schema';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { actorOf } from '../features/accounts/request-context';
import { moveApplication } from './move-application';

/** The stages the scripted interview walks an application through, in order. */
const interviewStages: readonly ApplicationStatus[] = [
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];

/**
 * Benchmark only (bench/journey, `MIANQIAN_BENCH_SCRIPTED_INTERVIEW=1`, which production mode
 * refuses): `POST /api/bench/applications/:id/scripted-interview` lets a loan officer — the scripted
 * client standing in for the human officer — take an application from under_review through the
 * interview to risk_control. Each move is an ordinary event on the application's history and the
 * ledger, as the officer, with the reason saying it was scripted. It stands in for the video interview
 * (issue 7) so that the benchmark can drive applications to disbursement; nothing registers it
 * otherwise.
 */
export async function registerBenchScriptedInterview(
  app: FastifyInstance,
  { config, applications }: { config: Config; applications: ApplicationsDeps },
): Promise<void> {
  if (!config.benchScriptedInterview) return;
  if (config.mode === 'production') throw new Error('the scripted interview is refused in production');
  app.post(
    '/api/bench/applications/:id/scripted-interview',
    {
      config: { access: ['loan_officer'] },
      schema: {
        tags: ['benchmark'],
        summary: 'Benchmark only: the scripted interview (under_review → risk_control)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ status: Type.String() }),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const actor = actorOf(request);
      const found = await applications.applications.findById(id);
      if (!found) throw new AppError('APPLICATION_NOT_FOUND');
      let status = found.status;
      for (const to of interviewStages.slice(Math.max(0, interviewStages.indexOf(status) + 1))) {
        const moved = await moveApplication(applications, {
          applicationId: id,
          to,
          as: 'staff',
          actor,
          reason: 'benchmark: scripted interview (MIANQIAN_BENCH_SCRIPTED_INTERVIEW)',
        });
        if (!moved)
          throw new AppError('ILLEGAL_TRANSITION', `Cannot move the application from ${status} to ${to}`, {
            from: status,
            to,
          });
        status = moved.status;
      }
      return { status };
    },
  );
}
